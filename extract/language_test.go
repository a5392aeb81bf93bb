package extract

import "testing"

func TestLanguage(t *testing.T) {
	tests := []struct {
		text, want string
		english    bool
	}{
		{readSeed(t), "English", true},
		{"Die Bundesregierung hat am Dienstag beschlossen, der Ukraine weitere Panzer und Munition zu liefern, teilte ein Sprecher in Berlin mit. Die Lieferung soll noch in diesem Monat beginnen.", "German", false},
		{"Le gouvernement français a annoncé mardi la livraison de nouveaux missiles à l'Ukraine, a indiqué un porte-parole du ministère des Armées à Paris. Les livraisons commenceront ce mois-ci.", "French", false},
		{"Iran ships drones", "English", true},
		{"伊朗向俄罗斯运送了200枚弹道导弹。普京和金正恩六月会面。伊朗向俄罗斯运送了200枚弹道导弹。普京和金正恩六月会面。", "Mandarin", false},
		{"Boko Haram has launched many similar attacks during its six-year campaign for a strict Islamic state in northeastern Nigeria.", "English", true},
	}
	for _, tt := range tests {
		name, en := Language(tt.text)
		if en != tt.english || name != tt.want {
			t.Errorf("Language(%.40q) = %q %v, want %q %v", tt.text, name, en, tt.want, tt.english)
		}
	}
}
