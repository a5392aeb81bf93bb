package server

import (
	"encoding/json"
	"net/http"
)

// writeJSON answers v as JSON, without escaping <, > and & (IRIs are full of
// them), as application/json unless the caller set another JSON type.
func writeJSON(w http.ResponseWriter, code int, v any) {
	if w.Header().Get("Content-Type") == "" {
		w.Header().Set("Content-Type", "application/json")
	}
	w.WriteHeader(code)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.Encode(v)
}

// writeError answers Cayley's error shape, {"error":"..."}.
func writeError(w http.ResponseWriter, code int, msg string) {
	writeJSON(w, code, map[string]string{"error": msg})
}
