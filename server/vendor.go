package server

import (
	"embed"
	"sync"
)

// assets holds what the console would otherwise load from the internet;
// scripts/vendor-console re-creates it from npm (see assets/README.md).
//
//go:embed assets/monaco assets/material-icons
var assets embed.FS

var vendorFiles = sync.OnceValue(func() *files { return mustLoad(assets, "assets") })
