package zz_tmp
import ("testing";"fmt";"time";"github.com/geokg/geokg/bench";"github.com/geokg/geokg/extract")
func TestX(t *testing.T){
 g:=bench.NewGenerator(1)
 x:=extract.New(nil)
 a:=g.Article(0)
 fmt.Println(a.Title); fmt.Println(a.Text)
 for _,e:=range x.Extract(a){fmt.Println(e.Subject.ID,e.Predicate,e.Object.ID,e.Recipient.ID,e.Hedged,e.Negated)}
 n,ev,bytes:=0,0,0; st:=time.Now()
 cnt:=map[string]int{}
 for i:=0;i<2000;i++{a:=g.Article(i); bytes+=len(a.Text); evs:=x.Extract(a); ev+=len(evs); n++; for _,e:=range evs{cnt[e.Subject.ID]++; cnt[e.Recipient.ID]++}}
 el:=time.Since(st)
 fmt.Println(n,ev,bytes,el, float64(bytes)/el.Seconds()/1e6,"MB/s", float64(n)/el.Seconds(),"art/s")
 fmt.Println(cnt["country:russia"],cnt["country:ukraine"],cnt["country:united-states"],cnt["person:vladimir-putin"])
}
