//go:build race

package snippets

// raceEnabled reports whether the test runs under the race detector, so that
// the go tool it calls builds the snippets with the same flags and reuses
// what the outer run built.
const raceEnabled = true
