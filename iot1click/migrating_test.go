package iot1click_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// migrationGuides are the guides whose "after" snippets Examples back.
var migrationGuides = []string{"MIGRATING-v1.md", "MIGRATING-v2.md"}

// exampleFuncs returns the names of the Example functions of the package's
// test files.
func exampleFuncs(t *testing.T) map[string]bool {
	t.Helper()
	files, err := filepath.Glob("*_test.go")
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]bool{}
	fset := token.NewFileSet()
	for _, f := range files {
		af, err := parser.ParseFile(fset, f, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range af.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Recv == nil && strings.HasPrefix(fd.Name.Name, "Example") {
				names[fd.Name.Name] = true
			}
		}
	}
	return names
}

var exampleRef = regexp.MustCompile("`(Example\\w*)`|backed by: (Example\\w*)")

// TestMigrationGuidesNameExamples checks that every Example a guide names
// exists, so that renaming one cannot leave a guide pointing at nothing.
func TestMigrationGuidesNameExamples(t *testing.T) {
	examples := exampleFuncs(t)
	for _, guide := range migrationGuides {
		b, err := os.ReadFile(guide)
		if err != nil {
			t.Fatal(err)
		}
		refs := exampleRef.FindAllStringSubmatch(string(b), -1)
		if len(refs) == 0 {
			t.Errorf("%s names no Example", guide)
		}
		for _, m := range refs {
			name := m[1] + m[2]
			if !examples[name] {
				t.Errorf("%s names %s, which is not an Example of package iot1click", guide, name)
			}
		}
	}
}

// TestMigrationGuidesBackEverySnippet checks that every side-by-side table
// of a guide is followed by the Example that compiles its "after" side
// ("Compiled as ...") or is marked with a <!-- backed by: ... --> comment.
func TestMigrationGuidesBackEverySnippet(t *testing.T) {
	for _, guide := range migrationGuides {
		b, err := os.ReadFile(guide)
		if err != nil {
			t.Fatal(err)
		}
		doc := string(b)
		tables := strings.Count(doc, "<table>")
		if tables == 0 {
			t.Errorf("%s has no side-by-side table", guide)
		}
		for i, rest := 0, doc; i < tables; i++ {
			at := strings.Index(rest, "<table>")
			before := rest[:at]
			if j := strings.LastIndex(before, "</table>"); j >= 0 {
				before = before[j:]
			}
			rest = rest[at+len("<table>"):]
			after := rest[strings.Index(rest, "</table>"):]
			if j := strings.Index(after, "\n#"); j >= 0 {
				after = after[:j]
			}
			if j := strings.Index(after, "<table>"); j >= 0 {
				after = after[:j]
			}
			marked := strings.HasSuffix(strings.TrimSpace(before), "-->") && strings.Contains(before, "<!-- backed by:")
			if !marked && !strings.Contains(after, "Compiled as `Example") {
				t.Errorf("%s: table %d is neither followed by \"Compiled as `Example...`\" nor marked <!-- backed by: ... -->", guide, i+1)
			}
		}
	}
}
