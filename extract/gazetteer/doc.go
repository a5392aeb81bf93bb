// Package gazetteer holds the names geokg knows: countries with their
// aliases, demonyms and metonyms (capitals and seats of government), people
// with their offices, organisations and armed groups, places, weapons and
// commodities, and the agent nouns and titles that help find the rest.
//
// The tables are tab-separated files embedded from data/; data/README.md
// names the source and licence of each. Entity IDs are derived from type and
// name with schema.EntityID, so "North Korea" is always "country:north-korea".
package gazetteer
