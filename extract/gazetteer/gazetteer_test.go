package gazetteer

import "testing"

func TestDefaultLoads(t *testing.T) {
	g := Default()
	for _, id := range []string{"country:north-korea", "country:russia", "person:vladimir-putin", "person:kim-jong-un"} {
		if _, ok := g.Entity(id); !ok {
			t.Errorf("missing %s", id)
		}
	}
}
