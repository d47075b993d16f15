package snippets

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// fixture is what the harness passes a snippet for a name of its marker.
type fixture struct {
	goType string // the parameter's type
	expr   string // how the generated test makes it from f, the *fixtures
}

// fixtureTypes are the fixtures of body blocks; the harness
// (testdata/harness.go.txt) makes them against an emulator of their own.
// A name:variant fixture is the parameter name with another value.
var fixtureTypes = map[string]fixture{
	"ctx":          {"context.Context", "f.ctx"},
	"t":            {"*testing.T", "f.t"},
	"client":       {"*iot1click.Client", "f.client"},
	"srv":          {"*iot1clicktest.Server", "f.srv"},
	"cfg":          {"aws.Config", "f.cfg"},              // pointed at the emulator, with its credentials
	"id":           {"string", "f.id()"},                 // G030PM0123456789: claimed, enabled, placed
	"id:clicked":   {"string", "f.clicked()"},            // claim initiated, button pressed since
	"id:unclaimed": {"string", "f.unclaimed()"},          // not claimed
	"arn":          {"string", "f.arn()"},                // G030PM0123456789's ARN
	"url":          {"string", "f.url()"},                // the emulator's endpoint
	"key":          {"string", "f.key()"},                // the emulator's access key ID
	"secret":       {"string", "f.secret()"},             // and secret access key
	"err":          {"error", "f.notFound()"},            // a DescribeDevice's ResourceNotFoundException
	"tp":           {"*sdktrace.TracerProvider", "f.tp"}, // records the spans for a spans clause
	"mp":           {"metric.MeterProvider", "f.mp"},     // a no-op meter provider
}

// fixturesV1 are the fixtures of MIGRATING-v1.md's before blocks, which are
// compiled against aws-sdk-go v1 and run against the emulator too, as
// the after blocks are.
var fixturesV1 = map[string]fixture{
	"ctx":        {"aws.Context", "f.ctx"},
	"svc":        {"*iot1clickdevicesservice.IoT1ClickDevicesService", "f.svcV1()"},
	"sess":       {"*session.Session", "f.sessV1()"},
	"id":         {"string", "f.id()"},
	"id:clicked": {"string", "f.clicked()"},
	"arn":        {"string", "f.arn()"},
	"key":        {"string", "f.key()"},
	"secret":     {"string", "f.secret()"},
	"err":        {"error", "f.notFoundV1()"},
}

// importsNow maps the package names the documents use to import paths.
var importsNow = map[string]string{
	"context":           "context",
	"errors":            "errors",
	"fmt":               "fmt",
	"http":              "net/http",
	"log":               "log",
	"os":                "os",
	"strings":           "strings",
	"testing":           "testing",
	"time":              "time",
	"aws":               "github.com/aws/aws-sdk-go-v2/aws",
	"awshttp":           "github.com/aws/aws-sdk-go-v2/aws/transport/http",
	"awsmiddleware":     "github.com/aws/aws-sdk-go-v2/aws/middleware",
	"config":            "github.com/aws/aws-sdk-go-v2/config",
	"credentials":       "github.com/aws/aws-sdk-go-v2/credentials",
	"retry":             "github.com/aws/aws-sdk-go-v2/aws/retry",
	"smithy":            "github.com/aws/smithy-go",
	"middleware":        "github.com/aws/smithy-go/middleware",
	"smithyhttp":        "github.com/aws/smithy-go/transport/http",
	"smithyoteltracing": "github.com/aws/smithy-go/tracing/smithyoteltracing",
	"smithyotelmetrics": "github.com/aws/smithy-go/metrics/smithyotelmetrics",
	"otelaws":           "go.opentelemetry.io/contrib/instrumentation/github.com/aws/aws-sdk-go-v2/otelaws",
	"metric":            "go.opentelemetry.io/otel/metric",
	"sdktrace":          "go.opentelemetry.io/otel/sdk/trace",
	"iot1click":         "github.com/iot1click-sdk/iot1click-go/iot1click",
	"iot1clicktest":     "github.com/iot1click-sdk/iot1click-go/iot1click/iot1clicktest",
	"clickevent":        "github.com/iot1click-sdk/iot1click-go/iot1click/clickevent",
	"projects":          "github.com/iot1click-sdk/iot1click-go/iot1click/projects",
}

// importsV1 are those of MIGRATING-v1.md's before blocks: aws-sdk-go v1.
var importsV1 = map[string]string{
	"errors":                  "errors",
	"fmt":                     "fmt",
	"aws":                     "github.com/aws/aws-sdk-go/aws",
	"awserr":                  "github.com/aws/aws-sdk-go/aws/awserr",
	"credentials":             "github.com/aws/aws-sdk-go/aws/credentials",
	"request":                 "github.com/aws/aws-sdk-go/aws/request",
	"session":                 "github.com/aws/aws-sdk-go/aws/session",
	"iot1clickdevicesservice": "github.com/aws/aws-sdk-go/service/iot1clickdevicesservice",
	"iot1clickprojects":       "github.com/aws/aws-sdk-go/service/iot1clickprojects",
}

// fixtureFor returns the fixture of name for s.
func fixtureFor(s *snippet, name string) (fixture, bool) {
	if s.kind == "before" {
		f, ok := fixturesV1[name]
		return f, ok
	}
	f, ok := fixtureTypes[name]
	return f, ok
}

// paramName is a fixture's parameter name: id for id:clicked.
func paramName(p string) string {
	name, _, _ := strings.Cut(p, ":")
	return name
}

// runs reports whether the test runs s, and not only compiles it.
func (s *snippet) runs() bool {
	if s.kind == "decls" || s.norun != "" || s.parse != "" {
		return false
	}
	for _, p := range s.params {
		if f, _ := fixtureFor(s, p); f.expr == "" {
			return false
		}
	}
	return true
}

// pkgName is the Go package of a document's blocks: readme,
// migrating_v1, ...
func pkgName(doc string) string {
	base := strings.TrimSuffix(filepath.Base(doc), ".md")
	return strings.NewReplacer("-", "_", ".", "_").Replace(strings.ToLower(base))
}

// testName names the generated test of s after its document and line.
func (s *snippet) testName() string {
	return "TestSnippet_" + regexp.MustCompile(`\W`).ReplaceAllString(filepath.Base(s.doc), "_") + "_" + strconv.Itoa(s.line)
}

// wrap returns the Go file of a body or before block: a function whose
// parameters are its fixtures, preceded by the imports it uses.
func (s *snippet) wrap(pkg string) (string, error) {
	var sig []string
	for _, p := range s.params {
		f, _ := fixtureFor(s, p)
		sig = append(sig, paramName(p)+" "+f.goType)
	}
	fn := fmt.Sprintf("func snippet%d(%s) error {\n//line %s:%d\n%s", s.line, strings.Join(sig, ", "), s.doc, s.line, s.code)
	if s.kind != "decls" {
		declared, err := topLevelVars(fn + "}\n")
		if err != nil {
			return "", err
		}
		for _, v := range declared {
			fn += "\t_ = " + v + "\n"
		}
		fn += "\treturn nil\n}\n"
	} else {
		fn = fmt.Sprintf("//line %s:%d\n%s", s.doc, s.line, s.code)
	}
	table := importsNow
	if s.kind == "before" {
		table = importsV1
	}
	imports, err := usedImports(fn, table)
	if err != nil {
		return "", err
	}
	return "package " + pkg + "\n\n" + imports + "\n" + fn, nil
}

// topLevelVars returns the variables that the statements of src, a
// function, declare at their top level: a block shows how a value is made,
// and may leave its use to the reader.
func topLevelVars(src string) ([]string, error) {
	f, err := parser.ParseFile(token.NewFileSet(), "", "package p\n"+src, parser.SkipObjectResolution)
	if err != nil {
		return nil, err
	}
	var names []string
	add := func(id *ast.Ident) {
		if id.Name != "_" && !slices.Contains(names, id.Name) {
			names = append(names, id.Name)
		}
	}
	for _, st := range f.Decls[0].(*ast.FuncDecl).Body.List {
		switch st := st.(type) {
		case *ast.AssignStmt:
			if st.Tok == token.DEFINE {
				for _, e := range st.Lhs {
					if id, ok := e.(*ast.Ident); ok {
						add(id)
					}
				}
			}
		case *ast.DeclStmt:
			if g, ok := st.Decl.(*ast.GenDecl); ok && g.Tok == token.VAR {
				for _, sp := range g.Specs {
					for _, id := range sp.(*ast.ValueSpec).Names {
						add(id)
					}
				}
			}
		}
	}
	return names, nil
}

// usedImports returns an import declaration of the packages of table that
// src, a file's declarations without a package clause, refers to.
func usedImports(src string, table map[string]string) (string, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "", "package p\n"+src, parser.SkipObjectResolution)
	if err != nil {
		return "", err
	}
	used := map[string]bool{}
	ast.Inspect(f, func(n ast.Node) bool {
		if sel, ok := n.(*ast.SelectorExpr); ok {
			if id, ok := sel.X.(*ast.Ident); ok && table[id.Name] != "" {
				used[id.Name] = true
			}
		}
		return true
	})
	if len(used) == 0 {
		return "", nil
	}
	var b strings.Builder
	b.WriteString("import (\n")
	for _, name := range slices.Sorted(maps.Keys(used)) {
		fmt.Fprintf(&b, "\t%s %q\n", name, table[name])
	}
	b.WriteString(")\n")
	return b.String(), nil
}

// testFunc returns the generated test that runs s, calling call.
func (s *snippet) testFunc(call string) string {
	return fmt.Sprintf("func %s(t *testing.T) {\n\tf := newFixtures(t)\n\tout := f.capture(func() error { %s })\n\tf.check(out, %#v, %#v)\n}\n\n",
		s.testName(), call, s.prints, s.spans)
}

// generate writes the packages of the snippets under dir: one per document
// and one per main block. It returns their folders, relative to dir.
func generate(t *testing.T, root, dir string, snips []*snippet) []string {
	t.Helper()
	harness, err := os.ReadFile(filepath.Join(root, "internal/snippets/testdata/harness.go.txt"))
	if err != nil {
		t.Fatal(err)
	}
	write := func(pkgDir, name, src string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Join(dir, pkgDir), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, pkgDir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	tests := map[string]*bytes.Buffer{}
	testFile := func(pkgDir, pkg string) *bytes.Buffer {
		b := tests[pkgDir]
		if b == nil {
			b = bytes.NewBufferString("package " + pkg + "\n\nimport \"testing\"\n\n")
			tests[pkgDir] = b
			write(pkgDir, "harness_test.go", strings.Replace(string(harness), "package PKG", "package "+pkg, 1))
		}
		return b
	}
	for _, s := range snips {
		if s.parse != "" {
			continue
		}
		pkg := pkgName(s.doc)
		if s.kind == "main" {
			pkgDir := fmt.Sprintf("%s_main_%d", pkg, s.line)
			write(pkgDir, "main.go", fmt.Sprintf("//line %s:%d\n%s", s.doc, s.line, s.code))
			b := testFile(pkgDir, "main")
			if s.runs() {
				b.WriteString(s.testFunc("main(); return nil"))
			}
			continue
		}
		src, err := s.wrap(pkg)
		if err != nil {
			t.Errorf("%s: %v", s, err)
			continue
		}
		write(pkg, fmt.Sprintf("s%d_%s_test.go", s.line, s.kind), src)
		b := testFile(pkg, pkg)
		if s.runs() {
			var args []string
			for _, p := range s.params {
				f, _ := fixtureFor(s, p)
				args = append(args, f.expr)
			}
			b.WriteString(s.testFunc(fmt.Sprintf("return snippet%d(%s)", s.line, strings.Join(args, ", "))))
		}
	}
	var dirs []string
	for pkgDir, b := range tests {
		write(pkgDir, "snippets_test.go", b.String()+"var _ = testing.Short\n")
		dirs = append(dirs, pkgDir)
	}
	slices.Sort(dirs)
	return dirs
}

// TestSnippets compiles every block of the documents, as its marker says,
// and runs those that run against the emulator, in packages generated under
// testdata and built by the go tool.
func TestSnippets(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the snippets with the go tool; skipped in -short mode")
	}
	root := moduleRoot(t)
	var all []*snippet
	for _, doc := range documents {
		snips, err := extract(root, doc)
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, snips...)
	}
	// Blocks that are only parsed are parsed here.
	for _, s := range all {
		if s.parse == "" {
			continue
		}
		src, err := s.wrap(pkgName(s.doc))
		if err == nil {
			_, err = parser.ParseFile(token.NewFileSet(), s.doc, src, 0)
		}
		if err != nil {
			t.Errorf("%s (parse only): %v", s, err)
		}
	}

	goTool, err := exec.LookPath("go")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("no go tool on PATH: ", err)
		}
		t.Skip("the snippets are built with the go tool, which is not on PATH: ", err)
	}
	gen, err := os.MkdirTemp(filepath.Join(root, "internal/snippets/testdata"), "gen-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(gen) })
	dirs := generate(t, root, gen, all)
	rel, err := filepath.Rel(root, gen)
	if err != nil {
		t.Fatal(err)
	}
	args := []string{"test", "-count=1"}
	if raceEnabled {
		args = append(args, "-race") // the packages the outer run built
	}
	for _, d := range dirs {
		args = append(args, "./"+filepath.ToSlash(filepath.Join(rel, d)))
	}
	cmd := exec.Command(goTool, args...)
	cmd.Dir = root
	// No module download: everything the snippets import is the module's.
	cmd.Env = append(os.Environ(), "GOPROXY=off", "GOFLAGS=-mod=readonly", "GOWORK=off")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	t.Logf("%d blocks, in %d packages:\n%s", len(all), len(dirs), out)
}

// TestWrap checks the wrapping rule: fixtures as parameters, the imports
// the block uses, its top-level variables counted as used, return nil.
func TestWrap(t *testing.T) {
	s := &snippet{doc: "README.md", line: 7, kind: "body", params: []string{"ctx", "id:clicked"},
		code: "out, err := config.LoadDefaultConfig(ctx)\nvar n int\nfmt.Println(out.Region, id, err, n)\n"}
	got, err := s.wrap("readme")
	if err != nil {
		t.Fatal(err)
	}
	want := `package readme

import (
	config "github.com/aws/aws-sdk-go-v2/config"
	context "context"
	fmt "fmt"
)

func snippet7(ctx context.Context, id string) error {
//line README.md:7
out, err := config.LoadDefaultConfig(ctx)
var n int
fmt.Println(out.Region, id, err, n)
	_ = out
	_ = err
	_ = n
	return nil
}
`
	if got != want {
		t.Errorf("wrap:\n%s\nwant:\n%s", got, want)
	}
	s = &snippet{doc: "iot1click/MIGRATING-v1.md", line: 3, kind: "before", params: []string{"svc"}, code: "_ = aws.String(\"x\")\n"}
	got, err = s.wrap("migrating_v1")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(got, `aws "github.com/aws/aws-sdk-go/aws"`) || !strings.Contains(got, `iot1clickdevicesservice "github.com/aws/aws-sdk-go/service/iot1clickdevicesservice"`) {
		t.Errorf("a before block of MIGRATING-v1.md imports aws-sdk-go v1:\n%s", got)
	}
	// The Projects service, on both sides.
	s = &snippet{doc: "iot1click/MIGRATING-v1.md", line: 5, kind: "before", params: []string{"sess"}, code: "_ = iot1clickprojects.New(sess)\n"}
	if got, err = s.wrap("migrating_v1"); err != nil || !strings.Contains(got, `iot1clickprojects "github.com/aws/aws-sdk-go/service/iot1clickprojects"`) {
		t.Errorf("a before block's iot1clickprojects: %v\n%s", err, got)
	}
	s = &snippet{doc: "README.md", line: 9, kind: "body", params: []string{"srv"}, code: "_ = srv.ProjectsClient().Options().Region\n_ = projects.CallbackOnClick\n"}
	if got, err = s.wrap("readme"); err != nil || !strings.Contains(got, `projects "github.com/iot1click-sdk/iot1click-go/iot1click/projects"`) {
		t.Errorf("a body block's projects: %v\n%s", err, got)
	}
}
