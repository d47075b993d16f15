// Package snippets tests that the Go code of README.md and the migration
// guides compiles, word for word, and that what runs does what it says.
//
// The rule: every ```go block of a document follows, on the last non-blank
// line before its fence, a marker that says how to compile it:
//
//	<!-- snippet: main -->           a whole program (package main); compiled
//	                                 and run with the environment pointed at
//	                                 an emulator
//	<!-- snippet: decls -->          package-level declarations, compiled in
//	                                 the document's package, where the other
//	                                 snippets of the document can use them
//	<!-- snippet: body(ctx, client) -->
//	                                 statements, compiled as the body of
//	                                 func(ctx context.Context, client
//	                                 *iot1click.Client) error followed by
//	                                 return nil, and run with those fixtures
//	                                 (see fixtureTypes)
//	<!-- snippet: before(svc, ctx) -->
//	                                 the official SDK's code a guide migrates
//	                                 from: in MIGRATING-v1.md, compiled against
//	                                 aws-sdk-go v1.55.8, the last release, and
//	                                 run with its fixtures (fixturesV1); in
//	                                 MIGRATING-v2.md only parsed, as the
//	                                 aws-sdk-go-v2 module of the service was
//	                                 removed and is no dependency
//
// Clauses after the kind, separated by commas:
//
//	prints `regexp`       the run's standard output must match regexp
//	spans `regexp`        the names of the spans the run ended, one a line,
//	                      must match regexp
//	norun: reason         compiled but not run, for the reason given
//	parse only: reason    only parsed, for the reason given (before blocks)
//
// Imports are added by package name from the tables importsNow and
// importsV1; a //line directive maps every compiler message to the
// document's line.
package snippets

import (
	"bufio"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// documents are the files whose Go blocks are checked, from the module's
// root.
var documents = []string{"README.md", "iot1click/MIGRATING-v1.md", "iot1click/MIGRATING-v2.md"}

// snippet is one ```go block and its marker.
type snippet struct {
	doc    string   // document, from the module root
	line   int      // line of the block's first line of code
	code   string   // the block, word for word
	kind   string   // main, decls, body or before
	params []string // body's and before's fixtures, such as "ctx" or "id:clicked"
	prints []string
	spans  []string
	norun  string // reason not to run, or ""
	parse  string // reason only to parse, or ""
}

func (s *snippet) String() string { return fmt.Sprintf("%s:%d", s.doc, s.line) }

var (
	markerRE = regexp.MustCompile(`^<!-- snippet: (.*) -->$`)
	kindRE   = regexp.MustCompile(`^(main|decls|body|before)(?:\(([^)]*)\))?$`)
	clauseRE = regexp.MustCompile("^(prints|spans) `([^`]*)`$")
)

// moduleRoot is the folder of go.mod above the test.
func moduleRoot(t testing.TB) string {
	t.Helper()
	dir, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "go.mod")); err != nil {
		t.Fatal("no go.mod two levels above internal/snippets: ", err)
	}
	return dir
}

// extract returns the Go blocks of doc with their markers; a block without
// a valid marker is an error.
func extract(root, doc string) ([]*snippet, error) {
	f, err := os.Open(filepath.Join(root, doc))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var (
		out      []*snippet
		errs     []string
		cur      *snippet
		lastText string // last non-blank line outside a block
		n        int
		inOther  bool // inside a block of another language
	)
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		n++
		line := sc.Text()
		trimmed := strings.TrimSpace(line)
		switch {
		case cur != nil:
			if trimmed == "```" {
				out = append(out, cur)
				cur = nil
				continue
			}
			cur.code += line + "\n"
		case inOther:
			inOther = trimmed != "```"
		case trimmed == "```go":
			s := &snippet{doc: doc, line: n + 1}
			if err := s.parseMarker(lastText); err != nil {
				errs = append(errs, fmt.Sprintf("%s:%d: %v", doc, n, err))
			}
			cur = s
		case strings.HasPrefix(trimmed, "```"):
			inOther = true
		case trimmed != "":
			lastText = trimmed
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if cur != nil {
		errs = append(errs, fmt.Sprintf("%s:%d: unterminated ```go block", doc, cur.line))
	}
	if len(errs) > 0 {
		return out, fmt.Errorf("%s", strings.Join(errs, "\n"))
	}
	return out, nil
}

// parseMarker reads the marker line before a block.
func (s *snippet) parseMarker(line string) error {
	m := markerRE.FindStringSubmatch(line)
	if m == nil {
		return fmt.Errorf("a ```go block must follow a <!-- snippet: KIND --> marker (see internal/snippets), not %q", line)
	}
	spec := m[1]
	kind, rest, _ := cutClause(spec)
	k := kindRE.FindStringSubmatch(kind)
	if k == nil {
		return fmt.Errorf("marker %q: the kind is main, decls, body(fixtures) or before(fixtures)", spec)
	}
	s.kind = k[1]
	if k[2] != "" {
		for _, p := range strings.Split(k[2], ",") {
			s.params = append(s.params, strings.TrimSpace(p))
		}
	}
	for rest != "" {
		switch {
		case strings.HasPrefix(rest, "norun: "):
			s.norun, rest = strings.TrimPrefix(rest, "norun: "), ""
		case strings.HasPrefix(rest, "parse only: "):
			s.parse, rest = strings.TrimPrefix(rest, "parse only: "), ""
		default:
			var clause string
			clause, rest, _ = cutClause(rest)
			c := clauseRE.FindStringSubmatch(clause)
			if c == nil {
				return fmt.Errorf("marker %q: unknown clause %q", spec, clause)
			}
			if _, err := regexp.Compile(c[2]); err != nil {
				return fmt.Errorf("marker %q: %v", spec, err)
			}
			if c[1] == "prints" {
				s.prints = append(s.prints, c[2])
			} else {
				s.spans = append(s.spans, c[2])
			}
		}
	}
	if s.kind == "body" && !strings.Contains(kind, "(") {
		return fmt.Errorf("marker %q: a body names its fixtures, body(ctx, client, ...) or body()", spec)
	}
	if s.parse != "" && s.kind != "before" {
		return fmt.Errorf("marker %q: only a before block may be parse only", spec)
	}
	return nil
}

// cutClause cuts the first clause of s, which ends at a comma outside
// backquotes and parentheses.
func cutClause(s string) (clause, rest string, found bool) {
	quoted, depth := false, 0
	for i, r := range s {
		switch {
		case r == '`':
			quoted = !quoted
		case quoted:
		case r == '(':
			depth++
		case r == ')':
			depth--
		case r == ',' && depth == 0:
			return strings.TrimSpace(s[:i]), strings.TrimSpace(s[i+1:]), true
		}
	}
	return strings.TrimSpace(s), "", false
}

// TestEveryBlockIsMarked checks that each Go block of the documents has a
// valid marker, and that the documents have some.
func TestEveryBlockIsMarked(t *testing.T) {
	root := moduleRoot(t)
	for _, doc := range documents {
		snips, err := extract(root, doc)
		if err != nil {
			t.Error(err)
		}
		if len(snips) == 0 {
			t.Errorf("%s has no Go block", doc)
		}
		for _, s := range snips {
			for _, p := range s.params {
				if _, ok := fixtureFor(s, p); !ok {
					t.Errorf("%s: unknown fixture %q for a %s block", s, p, s.kind)
				}
			}
			if s.kind == "before" && strings.HasSuffix(doc, "MIGRATING-v2.md") && s.parse == "" {
				t.Errorf("%s: a before block of the aws-sdk-go-v2 guide cannot be compiled (the service's module was removed): mark it parse only, with the reason", s)
			}
		}
	}
}

func TestExtract(t *testing.T) {
	dir := t.TempDir()
	doc := "# t\n\n<!-- snippet: body(ctx, client), prints `a, b`, spans `x` -->\n```go\nfmt.Println(1)\n```\n\n```sh\n```go\n```\n\n" +
		"<!-- snippet: before(svc), parse only: gone -->\n```go\nx\n```\ntext\n```go\ny\n```\n"
	if err := os.WriteFile(filepath.Join(dir, "d.md"), []byte(doc), 0o600); err != nil {
		t.Fatal(err)
	}
	snips, err := extract(dir, "d.md")
	if err == nil || !strings.Contains(err.Error(), `d.md:17: a `+"```go"+` block must follow`) {
		t.Errorf("unmarked block: error %v", err)
	}
	if len(snips) != 3 {
		t.Fatalf("%d snippets, want 3", len(snips))
	}
	s := snips[0]
	if s.line != 5 || s.code != "fmt.Println(1)\n" || s.kind != "body" || strings.Join(s.params, "|") != "ctx|client" ||
		strings.Join(s.prints, "|") != "a, b" || strings.Join(s.spans, "|") != "x" {
		t.Errorf("first snippet %+v", s)
	}
	if s := snips[1]; s.kind != "before" || s.parse != "gone" || s.line != 14 {
		t.Errorf("second snippet %+v", s)
	}
	for _, bad := range []string{"<!-- snippet: lunch -->", "<!-- snippet: main, prints x -->", "<!-- snippet: main, prints `(` -->", "text"} {
		if err := new(snippet).parseMarker(bad); err == nil {
			t.Errorf("marker %q accepted", bad)
		}
	}
}

// TestGuidesNameExamples checks that every Example a migration guide names
// is an Example of package iot1click, so that renaming one cannot leave a
// guide pointing at nothing.
func TestGuidesNameExamples(t *testing.T) {
	root := moduleRoot(t)
	files, err := filepath.Glob(filepath.Join(root, "iot1click", "*_test.go"))
	if err != nil {
		t.Fatal(err)
	}
	examples := map[string]bool{}
	fset := token.NewFileSet()
	for _, f := range files {
		af, err := parser.ParseFile(fset, f, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range af.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Recv == nil && strings.HasPrefix(fd.Name.Name, "Example") {
				examples[fd.Name.Name] = true
			}
		}
	}
	ref := regexp.MustCompile("`(Example\\w*)`")
	for _, guide := range documents[1:] {
		b, err := os.ReadFile(filepath.Join(root, guide))
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range ref.FindAllStringSubmatch(string(b), -1) {
			if !examples[m[1]] {
				t.Errorf("%s names %s, which is not an Example of package iot1click", guide, m[1])
			}
		}
	}
}
