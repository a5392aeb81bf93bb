// Package schema defines the vocabulary of the geopolitical graph: entity
// types, the predicate vocabulary (each predicate with its CAMEO and PLOVER
// codes and the words that express it), the Go types Entity, Event and
// Article, and the identifiers that tie them together.
//
// schema imports nothing from the rest of geokg and nothing from Cayley; the
// mapping of these types to quads lives in package graph.
package schema
