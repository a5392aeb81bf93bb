package extract

import (
	"strings"
	"testing"
	"time"

	"github.com/geokg/geokg/schema"
)

// brief renders an event as "Subject -predicate-> Object to=Recipient" plus
// its flags, for comparison in tests.
func brief(e schema.Event) string {
	s := e.Subject.Name + " -" + string(e.Predicate) + "-> " + e.Object.Name
	if !e.Recipient.IsZero() {
		s += " to=" + e.Recipient.Name
	}
	if e.Negated {
		s += " [negated]"
	}
	if e.Hedged {
		s += " [hedged]"
	}
	if e.AttributedTo != "" {
		s += " by=" + e.AttributedTo
	}
	return s
}

func extractBrief(text string, published time.Time) []string {
	var out []string
	for _, e := range New(nil).Extract(&schema.Article{URL: "test:", Text: text, Published: published}) {
		out = append(out, brief(e))
	}
	return out
}

// Sentences written for these tests, one construction each.
func TestExtractSentences(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string // every event extracted, in order
	}{
		{"active with recipient", "Iran shipped 300 drones to Russia last year.",
			[]string{"Iran -ships-> drones to=Russia"}},
		{"passive with agent", "Artillery shells are being supplied to Russia by North Korea.",
			[]string{"North Korea -supplies-> artillery shells to=Russia"}},
		{"passive actor theme is recipient", "Russia is being supplied by Iran with drones.",
			[]string{"Iran -supplies-> drones to=Russia"}},
		{"nominal with demonym origin", "Officials tracked shipments of Iranian drones.",
			[]string{"Iran -ships-> drones"}},
		{"coordinated subjects meet", "Vladimir Putin and Xi Jinping met in Beijing.",
			[]string{"Vladimir Putin -meets-> Xi Jinping"}},
		{"metonym acts for its country", "The Kremlin sanctioned Estonia.",
			[]string{"Russia -sanctions-> Estonia"}},
		{"demonym with agent noun acts", "Russian forces captured Avdiivka.",
			[]string{"Russia -captures-> Avdiivka"}},
		{"an actor and its backers named by example", "Hamas and its backers, notably Iran, attacked Israel.",
			[]string{"Hamas -attacks-> Israel", "Iran -attacks-> Israel", "Iran -aids-> Hamas"}},
		{"allies named by example act alone", "Ukraine's allies, including Poland, sent tanks to Kyiv.",
			[]string{"Poland -ships-> tanks to=Ukraine", "Poland -allies_with-> Ukraine"}},
		{"liberation from an occupier", "Crowds celebrated the liberation of Kherson from Russian forces.",
			[]string{"Russia -occupies-> Kherson"}},
		{"a strike near a place did not strike it", "US forces carried out an air strike near Mosul on Sunday.",
			nil},
		{"a strike in a place struck it", "An Israeli air strike in Rafah destroyed a school.",
			[]string{"Israel -attacks-> Rafah"}},
		{"a weapon fired at a target", "Hezbollah launched dozens of drones toward northern Israel on Sunday.",
			[]string{"Hezbollah -attacks-> Israel"}},
		{"fired from a place, in the passive", "Two rockets were fired at Israel from Lebanon overnight.",
			[]string{"Lebanon -attacks-> Israel"}},
		{"fired at no one", "North Korea fired a ballistic missile into the sea.", nil},
		{"the target reports the attack: an accusation", "Ukraine said Russia fired 20 missiles at it overnight.",
			[]string{"Russia -attacks-> Ukraine by=Ukraine", "Ukraine -accuses-> Russia"}},
		{"a third party reports the attack: no accusation", "Poland said Russia fired 20 missiles at Ukraine overnight.",
			[]string{"Russia -attacks-> Ukraine by=Poland"}},
		{"victims coordinated: one group, counted in its name", "Four children and a man were killed in Israeli tank shelling.",
			[]string{"Israel -kills-> four children and a man"}},
		{"an arrest warrant is no arrest yet", "The ICC issued a warrant for the arrest of Vladimir Putin.",
			[]string{"International Criminal Court -arrests-> Vladimir Putin [hedged]"}},
		{"a domestic institution in a country acts for it", "A court in Kenya issued arrest warrants for two Somali men.",
			[]string{"Kenya -arrests-> Somali men [hedged]"}},
		{"authorities in a capital act for its country", "Authorities in Moscow detained Sergei Lavrov.",
			[]string{"Russia -arrests-> Sergei Lavrov"}},
		{"troops in a country may be anyone's", "Troops in Syria attacked Idlib.", nil},
		{"where an ally comes from is no supplier", "The loudest of the allies of Russia is from Belarus.", nil},
		{"a warship by its prefix, and again by its name", "The destroyer USS Carney arrived on Monday. Carney joined Combined Task Force 153 on Friday.",
			[]string{"USS Carney -member_of-> Combined Task Force 153"}},
		{"a warship's commander", "Capt. Jean Dupont, commander of FS Forbin, said the frigate would stay.",
			[]string{"Jean Dupont -leads-> FS Forbin"}},
		{"a unit's acronym in brackets", "FS Forbin joined Task Force (CTF) 50 in December.",
			[]string{"FS Forbin -member_of-> Task Force 50"}},
		{"no state is joined as a member", "FS Forbin is joining U.S. ships in the Gulf.", nil},
		{"the strike that killed struck a place of its own", "Eight people were killed in an air strike by Russian forces in Aleppo.",
			[]string{"Russia -kills-> people", "Russia -attacks-> Aleppo"}},
		{"the city named before, and a part of it", "Rebels entered Aleppo on Monday. Russian forces launched an air strike in a separate, rebel-held part of the city.",
			[]string{"Russia -attacks-> Aleppo"}},
		{"possessor is not the actor", "Russia's allies refused to supply Moscow with tanks.", nil},
		{"negation", "Germany did not send tanks to Ukraine.",
			[]string{"Germany -ships-> tanks to=Ukraine [negated]"}},
		{"hedging", "Iran is believed to have shipped missiles to Russia.",
			[]string{"Iran -ships-> missiles to=Russia [hedged]"}},
		{"according to", "North Korea supplies shells to Russia, according to Ukrainian intelligence.",
			[]string{"North Korea -supplies-> artillery shells to=Russia by=Ukrainian intelligence"}},
		{"trailing speech verb", "China sold drones to Iran, officials said.",
			[]string{"China -sells-> drones to=Iran by=officials"}},
		{"conditional is not a fact", "Poland would send jets to Ukraine if NATO agreed.", nil},
		{"demonym and civilian noun name a collective", "An Egyptian court jailed two Sudanese journalists.",
			[]string{"Egypt -arrests-> Sudanese journalists"}},
		{"a civilian noun alone names a collective", "Gunmen abducted dozens of missionaries.",
			[]string{"gunmen -abducts-> missionaries"}},
		{"hyphenated affiliation names a collective", "Iranian-backed militias attacked Erbil.",
			[]string{"Iranian-backed militias -attacks-> Erbil"}},
		{"leaders of a group stand for it", "Turkey agreed to expel leaders of Hamas.",
			[]string{"Turkey -expels-> Hamas [hedged]"}},
		{"a subject after 'after' is the clause's", "Talks stalled after Hamas fighters attacked Israel.",
			[]string{"Hamas -attacks-> Israel"}},
		{"a place after 'near' is where, not whom", "Houthi rebels attacked a tanker near Yemen.", nil},
		{"object pronoun", "Blinken met Wang Yi and urged him to restrain Russia.",
			[]string{"Antony Blinken -meets-> Wang Yi", "Antony Blinken -urges-> Wang Yi"}},
		{"passive agent from the attack it happened in", "Three civilians were killed in a Russian drone strike.",
			[]string{"Russia -kills-> civilians"}},
		{"participle after a comma takes the main subject", "Gunmen stormed a hotel in Mogadishu, killing at least twelve civilians.",
			[]string{"gunmen -kills-> civilians"}},
		{"a dateline acts for no one", "KABUL — Taliban fighters attacked Kunduz.",
			[]string{"Taliban -attacks-> Kunduz"}},
		{"a possessive regime's nominal attacks, and an unknown place coordinated with a known one", "The Assad regime's escalating attacks on Aleppo and Binnish continue.",
			[]string{"Syria -attacks-> Aleppo", "Syria -attacks-> Binnish"}},
		{"a title in a prepositional phrase", "Hegseth held talks with President Zelensky, offering air defence support to Ukraine.",
			[]string{"Pete Hegseth -meets-> Volodymyr Zelensky", "Pete Hegseth -aids-> Ukraine", "Volodymyr Zelensky -leads-> Ukraine"}},
		{"the coalition named by its enemy", "Islamic State fighters attacked Mosul. The global coalition continues to support Iraqi forces.",
			[]string{"Islamic State -attacks-> Mosul", "Global Coalition against Daesh -aids-> Iraq"}},
		{"lifting sanctions eases them", "Trump agreed to lift the sanctions on Syria.",
			[]string{"Donald Trump -eases_sanctions-> Syria [hedged]"}},
		{"a state's agent noun before 'of'", "Japan pledged support to the government of Ukraine.",
			[]string{"Japan -aids-> Ukraine [hedged]"}},
		{"'its' before a nominal is the clause subject", "Germany remains steadfast in its support of Moldova.",
			[]string{"Germany -aids-> Moldova"}},
		{"coordinated demonyms share the noun", "Chinese and Russian journalists condemned Japan.",
			[]string{"Chinese journalists -condemns-> Japan", "Russian journalists -condemns-> Japan"}},
		{"a nation named by its demonym", "The British previously sanctioned Iran.",
			[]string{"United Kingdom -sanctions-> Iran"}},
		{"the trigger's own preposition", "Macron pressed for Iran to release the prisoners.",
			[]string{"Emmanuel Macron -urges-> Iran", "Iran -releases-> prisoners [hedged]"}},
		{"'States' in a name is no speech verb, and a verb before a nominal is no possessor", "The United States lifted the sanctions on Syria.",
			[]string{"United States -eases_sanctions-> Syria"}},
		{"a surname after a title is the person named in full", "Secretary of State Marco Rubio flew to Riyadh. Secretary Rubio met Saudi officials.",
			[]string{"Marco Rubio -visits-> Riyadh", "Marco Rubio -meets-> Saudi Arabia"}},
		{"an Arabic name with its particle, in apposition to an office", "Erdogan met the Syrian Foreign Minister, Asaad al-Shaibani, in Ankara.",
			[]string{"Recep Tayyip Erdoğan -meets-> Asaad al-Shaibani"}},
		{"an apposed group role is membership", "Saleh al-Arouri, a Hamas commander, was killed in Beirut.",
			[]string{"Saleh al-Arouri -member_of-> Hamas"}},
		{"an office of two words", "Wang Yi held a call with the Iranian Foreign Minister.",
			[]string{"Wang Yi -consults-> Iran"}},
		{"an actor hyphenated to 'occupied' holds the place", "Drones struck the Russian-occupied city of Melitopol.",
			[]string{"Russia -occupies-> Melitopol"}},
		{"a counted thing the gazetteer lacks, to coordinated recipients", "Canada provided 3,000 winter jackets to Ukraine and Moldova.",
			[]string{"Canada -supplies-> winter jackets to=Ukraine", "Canada -supplies-> winter jackets to=Moldova"}},
		{"'leave for' is a visit", "Before leaving for Beijing on Thursday, Macron met Modi.",
			[]string{"Emmanuel Macron -visits-> Beijing", "Emmanuel Macron -meets-> Narendra Modi"}},
		{"'their' is no person's", "Hamas said Sinwar oversaw their capture of Sderot.",
			[]string{"Hamas -captures-> Sderot by=Hamas"}},
		{"an office stated before the name", "The founder of Hezbollah, cleric Subhi al-Tufayli, was arrested.",
			[]string{"Subhi al-Tufayli -leads-> Hezbollah"}},
		{"using a weapon against someone attacks them", "The junta used barrel bombs against Karen rebels.",
			nil},
		{"using a weapon against someone attacks them", "Russia used glide bombs against Ukrainian troops in Kharkiv.",
			[]string{"Russia -attacks-> Ukraine"}},
		{"an object pronoun ends the search", "Britain led the mission, commanding it from HMS Queen Elizabeth.",
			nil},
		{"working together pairs every partner", "The US, France and Britain are working together in the Gulf.",
			[]string{"United States -cooperates_with-> France", "United States -cooperates_with-> United Kingdom", "France -cooperates_with-> United Kingdom"}},
		{"a possessor's noun before an infinitive", "Iran's decision to supply drones to Russia alarmed Kyiv.",
			[]string{"Iran -supplies-> drones to=Russia"}},
		{"a nominal coordinated with one a light verb carries", "The EU announced travel bans, as well as new sanctions against two Belarusian banks and one Minsk-based bank.",
			[]string{"European Union -sanctions-> Belarusian banks", "European Union -sanctions-> Minsk-based bank"}},
		{"alleging accuses", "Kigali alleged that France was aware of preparations for the genocide.",
			[]string{"Rwanda -accuses-> France"}},
		{"claiming an attack accuses the attacker", "Israel claimed that Hezbollah had attacked Haifa.",
			[]string{"Hezbollah -attacks-> Haifa [hedged] by=Israel", "Israel -accuses-> Hezbollah"}},
		{"claiming no attack accuses no one", "Russia claimed that it had captured Pokrovsk.",
			[]string{"Russia -captures-> Pokrovsk [hedged] by=Russia"}},
		{"condemning a deed condemns its author", "Germany condemned Russia's attack on Kyiv.",
			[]string{"Germany -condemns-> Russia", "Russia -attacks-> Kyiv"}},
		{"a nominal's agent after a passive", "Evidence against Iran was presented by Israel.",
			[]string{"Israel -accuses-> Iran"}},
		{"an agent phrase before a group's name leaves the name standing", "The Somali militant group al-Shabab attacked Mogadishu.",
			[]string{"Al-Shabab -attacks-> Mogadishu"}},
		{"claiming responsibility for an attack in a place", "The Islamic State claimed responsibility for the bombing of a church in Kabul.",
			[]string{"Islamic State -attacks-> Kabul [hedged]"}},
		{"claiming responsibility for an attack", "The Pakistani Taliban claimed responsibility for an attack on Pakistan.",
			[]string{"Pakistani Taliban -attacks-> Pakistan [hedged]"}},
		{"an attack for which a group claimed responsibility, in the places named, and its condemnation", "The US condemned the bombings in the city of Kerman and the town of Rask, for which ISIS has claimed responsibility.",
			[]string{"Islamic State -attacks-> Kerman [hedged]", "Islamic State -attacks-> Rask [hedged]", "United States -condemns-> Islamic State"}},
		{"'over' before a count governs nothing", "Israel announced it would free over 150 Palestinian prisoners.",
			[]string{"Israel -releases-> Palestinian prisoners [hedged] by=Israel"}},
		{"a vow to attack is a threat", "Hamas vowed to attack Israel.",
			[]string{"Hamas -threatens-> Israel"}},
		{"a plan to attack stays a hedged attack", "Iran plans to attack Israel.",
			[]string{"Iran -attacks-> Israel [hedged]"}},
		{"a capacity to attack is no event", "The strikes curb the Houthis' capacity to attack Israel.", nil},
		{"'a coalition airstrike' names the coalition, an apposition is no theme", "ISIS fighters attacked Mosul. Abu Ali al-Anbari, an ISIL commander in Raqqa, was killed by a coalition airstrike.",
			[]string{"Islamic State -attacks-> Mosul", "Global Coalition against Daesh -kills-> Abu Ali al-Anbari", "Abu Ali al-Anbari -member_of-> Islamic State"}},
		{"a shorter form of a full name the gazetteer lacks", "Abu Ali al-Anbari, an ISIL commander, was killed. Abu Ali had used car bombs against the SDF.",
			[]string{"Abu Ali al-Anbari -member_of-> Islamic State", "Abu Ali al-Anbari -attacks-> Syrian Democratic Forces"}},
		{"government forces are the state the article is about", "Syria's army shelled Idlib. Syrian officials said government forces attacked Hama.",
			[]string{"Syria -attacks-> Idlib", "Syria -attacks-> Hama by=Syria"}},
		{"government forces in an article about two states are no one", "Russia and Ukraine traded fire. Government forces attacked Hama.", nil},
		{"numbered units and their initials", "Combined Task Force 151 is led by Pakistan. Later Turkey led CTF 151.",
			[]string{"Pakistan -leads-> Combined Task Force 151", "Turkey -leads-> CTF 151"}},
		{"an ordinal unit", "The 47th Mechanized Brigade attacked Avdiivka.",
			[]string{"47th Mechanized Brigade -attacks-> Avdiivka"}},
		{"coordination across 'the', a partnership deepened", "India and the United States agreed to deepen a partnership in defence.",
			[]string{"India -cooperates_with-> United States [hedged]"}},
		{"a state's armed service acts for the state", "The Israel Defense Forces struck Rafah.",
			[]string{"Israel -attacks-> Rafah"}},
		{"a demonym in a list of services", "The U.S., French and Royal Navy are working together.",
			[]string{"United States -cooperates_with-> France", "United States -cooperates_with-> United Kingdom", "France -cooperates_with-> United Kingdom"}},
		{"an armed group named Army is no state's", "The Free Syrian Army attacked Hama.",
			[]string{"Free Syrian Army -attacks-> Hama"}},
		{"an attack with no target hit the place it happened in", "Turkey conducted strikes in northern Syria.",
			[]string{"Turkey -attacks-> Syria"}},
		{"'the east of' is a part, not a direction", "Five civilians were killed in Israeli shelling in the east of the Gaza Strip.",
			[]string{"Israel -kills-> civilians", "Israel -attacks-> Gaza Strip"}},
		{"an unnamed mayor of a place, and a membership with adjectives", "Russia detained the mayor of the southern Ukrainian city of Melitopol, a member of the ruling Servant of the People party.",
			[]string{"Russia -arrests-> mayor of Melitopol"}},
		{"a governor is a person", "The governor of Kherson said Russia shelled Kherson.",
			[]string{"Russia -attacks-> Kherson by=governor of Kherson"}},
		{"a speech verb with its own complement attributes nothing before it", "Germany condemned Russia's attack on Kyiv, as Ukraine said it expected more strikes.",
			[]string{"Germany -condemns-> Russia", "Russia -attacks-> Kyiv"}},
		{"allegations after quotation marks", "France condemned as `` unacceptable '' allegations by Rwanda that it had armed the militias.",
			[]string{"France -condemns-> Rwanda", "Rwanda -accuses-> France"}},
		{"a nominal's object after a reduced relative", "Russia unleashed the heaviest bombardment seen so far on Kharkiv.",
			[]string{"Russia -attacks-> Kharkiv"}},
		{"'the regime' is the regime named before", "The Assad regime shelled Idlib. Turkey urged the regime to stop.",
			[]string{"Syria -attacks-> Idlib", "Turkey -urges-> Syria"}},
		{"an obligation is no fact", "Russia has a special responsibility to press the Assad regime.",
			[]string{"Russia -urges-> Syria [hedged]"}},
		{"a part of a place", "Four civilians were killed in Russian shelling on the outskirts of Kherson.",
			[]string{"Russia -kills-> civilians", "Russia -attacks-> Kherson"}},
		{"members of a listing relative clause act", "NATO forces carried out strikes against Serbia. NATO members that conducted strikes in Kosovo include Italy, Spain and Norway.",
			[]string{"NATO -attacks-> Serbia", "Italy -member_of-> NATO", "Spain -member_of-> NATO", "Norway -member_of-> NATO",
				"Italy -attacks-> Serbia", "Spain -attacks-> Serbia", "Norway -attacks-> Serbia"}},
		{"light verb and nominal attack", "Israel launched air strikes against Hezbollah.",
			[]string{"Israel -attacks-> Hezbollah"}},
		{"title states leadership", "Ukrainian President Volodymyr Zelensky visited Washington.",
			[]string{"Volodymyr Zelensky -visits-> Washington", "Volodymyr Zelensky -leads-> Ukraine"}},
		{"coordinated verbs share the subject", "Hamas attacked Israel and captured hostages.",
			[]string{"Hamas -attacks-> Israel"}},
		{"signing needs an agreement", "Turkey signed a defence pact with Qatar.",
			[]string{"Turkey -signs_agreement-> Qatar"}},
		{"sign without agreement is nothing", "Turkey signed the letter.", nil},
		{"receiving is being supplied", "Russia received 200 drones from Iran in 2023.",
			[]string{"Iran -supplies-> drones to=Russia"}},
		{"a noun in a temporal phrase takes the clause's subject", "Antony Blinken held talks with Benjamin Netanyahu during a visit to Jerusalem.",
			[]string{"Antony Blinken -meets-> Benjamin Netanyahu", "Antony Blinken -visits-> Jerusalem"}},
		{"membership list", "NATO members that border Russia include Estonia, Latvia and Norway.",
			[]string{"Estonia -member_of-> NATO", "Latvia -member_of-> NATO", "Norway -member_of-> NATO"}},
		{"aid nouns make aid", "Japan will provide support to Ukraine.",
			[]string{"Japan -aids-> Ukraine [hedged]"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := extractBrief(tt.text, time.Time{})
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("Extract(%q)\n got: %q\nwant: %q", tt.text, got, tt.want)
			}
		})
	}
}

func TestFurnitureYieldsNothing(t *testing.T) {
	text := strings.Join([]string{
		"Subscribe to our newsletter for updates on Russia and Ukraine",
		"Advertisement",
		"a tank firing at Ukrainian positions near Russian lines",
		"Russian forces attack Kharkiv in a photo from last week",
		"Russian forces attack Kharkiv in a photo from last week",
		"JOHN SMITH/AFP VIA GETTY IMAGES",
		"Iran shipped drones to Russia.",
	}, "\n")
	got := extractBrief(text, time.Time{})
	want := []string{"Iran -ships-> drones to=Russia"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestQuantitiesAndTimes(t *testing.T) {
	pub := time.Date(2024, 10, 23, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		text, quantity, time string
	}{
		{"Iran shipped 200 ballistic missiles to Russia in September.", "200", "2024-09"},
		{"North Korea supplies about three million shells a year to Russia.", "~3,000,000/year", ""},
		{"Iran shipped drones to Russia last month.", "", "2024-09"},
		{"Iran shipped drones to Russia in June 2023.", "", "2023-06"},
		{"Iran shipped drones to Russia earlier this year.", "", "2024"},
	}
	for _, tt := range tests {
		evs := New(nil).Extract(&schema.Article{Text: tt.text, Published: pub})
		if len(evs) != 1 {
			t.Errorf("%q: %d events", tt.text, len(evs))
			continue
		}
		if q := evs[0].Quantity.String(); q != tt.quantity || evs[0].Time != tt.time {
			t.Errorf("%q: quantity %q time %q, want %q %q", tt.text, q, evs[0].Time, tt.quantity, tt.time)
		}
	}
}

func TestSeedArticle(t *testing.T) {
	evs := New(nil).Extract(&schema.Article{URL: "file:seed", Text: readSeed(t)})
	want := map[string]bool{
		"North Korea -supplies-> artillery shells to=Russia by=western intelligence": false,
		"Iran -ships-> ballistic missiles to=Russia by=The Times":                    false,
		"Vladimir Putin -meets-> Kim Jong Un":                                        false,
	}
	for _, e := range evs {
		if _, ok := want[brief(e)]; ok {
			want[brief(e)] = true
		}
		if e.Subject.ID == e.Object.ID || e.Subject.ID == e.Recipient.ID {
			t.Errorf("self-loop: %s", brief(e))
		}
	}
	for w, found := range want {
		if !found {
			t.Errorf("missing %s", w)
		}
	}
}
