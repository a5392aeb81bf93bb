package extract

// Closed word classes the rules rely on.

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

var (
	prepositions = set("of", "in", "from", "to", "with", "for", "by", "on", "at", "against", "into",
		"near", "around", "over", "under", "about", "across", "through", "towards", "toward", "between",
		"among", "during", "after", "before", "without", "within", "inside", "outside", "upon", "via",
		"despite", "like", "than", "onto", "amid", "beyond", "along")
	determiners = set("the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her",
		"our", "some", "many", "several", "any", "all", "both", "each", "every", "more", "most", "other")
	beForms     = set("is", "are", "was", "were", "be", "been", "being", "'s", "'re", "am")
	auxiliaries = set("has", "have", "had", "will", "would", "could", "can", "may", "might", "shall",
		"should", "must", "do", "does", "did", "is", "are", "was", "were", "be", "been", "being",
		"having", "'ve", "'ll", "'d")
	// subordinators open a new clause: subjects are not looked for across them.
	subordinators = set("that", "which", "while", "whereas", "although", "though", "because", "if",
		"unless", "when", "whereby", "whether", "where", "since", "once", "until", "but", "so", "yet",
		"however")
	negators      = set("not", "n't", "never", "no", "neither", "nor", "cannot", "without")
	negatingHeads = set("reluctant", "refused", "refuses", "refuse", "refusing", "unable", "failed",
		"fails", "fail", "declined", "declines", "decline", "denied", "denies", "deny", "denying",
		"rejected", "halted", "stopped", "stop", "ceased", "unwilling", "impossible", "avoid", "avoided")
	hedges = set("believed", "believe", "believes", "claim", "claims", "claimed", "claiming", "appear",
		"appears", "appeared", "apparently", "reportedly", "allegedly", "alleged", "may", "might",
		"could", "possibly", "probably", "likely", "suspected", "rumoured", "rumored", "reported",
		"purportedly", "seemingly", "seems", "seem", "suggest", "suggests", "suggested", "thought")
	intents = set("urged", "urges", "urge", "pressed", "presses", "demanded", "demands", "demand", "asked", "asks", // a request is not a fact
		"responsibility", "obligation", "duty", "should", "must", "ought", // nor an obligation
		"will", "would", "plans", "plan", "planned", "planning", "intends", "intend",
		"intended", "wants", "want", "wanted", "seeks", "seek", "seeking", "sought", "aims", "aim",
		"aiming", "hopes", "hope", "hoping", "expected", "expects", "promised", "pledged", "vowed",
		"agreed", "offered", "threatened", "ready", "prepared", "willing", "set", "going", "try",
		"tried", "trying", "attempt", "attempted", "proposed", "committed", "capacity", "ability", "able", "capable", "capability", "capabilities",
		"effort", "efforts", "bid", "vow", "vows", "allow", "allowed", "threat", "intention", "intent")
	conditionals = set("if", "unless")
	speechVerbs  = set("said", "says", "say", "told", "tells", "warned", "warns", "revealed",
		"reveals", "reported", "reports", "claimed", "claims", "claim", "believe", "believes", "believed",
		"assessed", "assess", "assesses", "insisted", "insists", "stated", "states", "announced",
		"announces", "added", "noted", "confirmed", "confirms", "estimated", "estimates", "alleged",
		"alleges", "wrote", "writes", "argued", "argues", "acknowledged", "admitted", "suggested",
		"suggests", "according", "explained", "stressed", "indicated")
	hedgingSpeech = set("claimed", "claims", "claim", "believe", "believes", "believed", "alleged",
		"alleges", "suggested", "suggests")
	pronounsPerson = set("he", "she", "him", "her", "his")
	agreementNouns = set("pact", "treaty", "agreement", "deal", "accord", "memorandum", "contract",
		"declaration", "ceasefire", "truce", "armistice", "protocol", "charter", "partnership")
	casualtyNouns = set("casualties", "casualty", "losses", "loss", "dead", "deaths", "killed",
		"wounded", "soldiers", "troops", "men", "lives")
	numberWords = map[string]float64{
		"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
		"nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30,
		"forty": 40, "fifty": 50, "hundred": 100, "dozen": 12, "dozens": 24, "hundreds": 200,
		"thousands": 2000, "a": 1, "an": 1,
	}
	multipliers = map[string]float64{"hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9,
		"trillion": 1e12, "k": 1e3, "m": 1e6, "bn": 1e9}
	fractions = map[string]float64{"half": 0.5, "third": 1.0 / 3, "quarter": 0.25, "two-thirds": 2.0 / 3}
	approxers = set("about", "around", "some", "nearly", "almost", "roughly", "approximately", "up",
		"over", "more", "less", "at", "least", "estimated", "an", "a", "as", "many")
	ratePeriods = map[string]string{"year": "year", "annually": "year", "month": "month", "week": "week",
		"day": "day", "daily": "day", "hour": "hour", "yearly": "year", "monthly": "month", "weekly": "week"}
)
