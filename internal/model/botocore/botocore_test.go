package botocore

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/iot1click-sdk/iot1click-go/internal/model"
	"github.com/iot1click-sdk/iot1click-go/internal/testenv"
)

// jsonModel is a service model decoded into generic JSON values.
type jsonModel struct {
	Metadata   map[string]any            `json:"metadata"`
	Operations map[string]map[string]any `json:"operations"`
	Shapes     map[string]map[string]any `json:"shapes"`
}

func decodeModel(t *testing.T, data []byte) jsonModel {
	t.Helper()
	var m jsonModel
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatalf("decoding a service model: %v", err)
	}
	return m
}

// files returns the shared model file name and what write writes.
func files(t *testing.T, name string, write func(*model.Service) ([]byte, error), svc *model.Service) (ref, written []byte) {
	t.Helper()
	ref, err := os.ReadFile(filepath.Join(testenv.SharedModels(t), name))
	if err != nil {
		t.Fatal(err)
	}
	written, err = write(svc)
	if err != nil {
		t.Fatal(err)
	}
	return ref, written
}

// modelled are the services and the stem of their shared model files, with
// their number of operations.
var modelled = []struct {
	svc  *model.Service
	stem string
	ops  int
}{
	{model.Devices, "iot1click-devices-2018-05-14", 13},
	{model.Projects, "iot1click-projects-2018-05-14", 16},
}

// resolve returns the shape name of m with every reference replaced by the
// shape it names, documentation dropped and required members sorted: two
// models agree on a shape when resolve returns equal values for it.
func (m jsonModel) resolve(t *testing.T, name string, depth int) map[string]any {
	t.Helper()
	s, ok := m.Shapes[name]
	if !ok {
		t.Fatalf("shape %s is referenced but not defined", name)
	}
	if depth > 16 {
		t.Fatalf("shape %s nests too deep", name)
	}
	out := map[string]any{}
	for k, v := range s {
		switch k {
		case "documentation":
		case "members":
			members := map[string]any{}
			for mn, mv := range v.(map[string]any) {
				mem := map[string]any{}
				for mk, mvv := range mv.(map[string]any) {
					switch mk {
					case "documentation":
					case "shape":
						mem["shape"] = m.resolve(t, mvv.(string), depth+1)
					default:
						mem[mk] = mvv
					}
				}
				members[mn] = mem
			}
			out[k] = members
		case "member", "key", "value":
			out[k] = m.resolve(t, v.(map[string]any)["shape"].(string), depth+1)
		case "required":
			var req []string
			for _, r := range v.([]any) {
				req = append(req, r.(string))
			}
			slices.Sort(req)
			out[k] = req
		default:
			out[k] = v
		}
	}
	return out
}

// operation returns the operation name of m with its input, output and
// errors resolved, and the errors sorted by name.
func (m jsonModel) operation(t *testing.T, name string) map[string]any {
	t.Helper()
	op := m.Operations[name]
	out := map[string]any{"name": op["name"], "http": op["http"]}
	for _, k := range []string{"input", "output"} {
		if r, ok := op[k]; ok {
			out[k] = m.resolve(t, r.(map[string]any)["shape"].(string), 0)
		}
	}
	var errs []string
	for _, e := range op["errors"].([]any) {
		errs = append(errs, e.(map[string]any)["shape"].(string))
	}
	slices.Sort(errs)
	resolved := map[string]any{}
	for _, e := range errs {
		resolved[e] = m.resolve(t, e, 0)
	}
	out["errors"] = resolved
	return out
}

// TestServiceMatchesModel checks the written service model against the
// service's own model, structurally: metadata; the set of operations; for
// each, its HTTP method, request URI and response code, and its input,
// output and errors with every shape reference resolved (types, members,
// locations and location names, required members, list members, map keys
// and values, timestamp formats, bounds, and the exception flag and HTTP
// status of each error). Documentation is not compared. Every shape the
// written model names must also agree with the shape of that name in the
// service's model.
func TestServiceMatchesModel(t *testing.T) {
	for _, m := range modelled {
		t.Run(m.svc.Name, func(t *testing.T) {
			ref, data := files(t, m.stem+".api.json", Service, m.svc)
			compareServices(t, decodeModel(t, ref), decodeModel(t, data), m.ops)
		})
	}
}

// compareServices compares a written model with the service's own, as
// TestServiceMatchesModel says.
func compareServices(t *testing.T, want, got jsonModel, ops int) {
	t.Helper()
	if diff := cmp.Diff(want.Metadata, got.Metadata); diff != "" {
		t.Errorf("metadata (-service model +written):\n%s", diff)
	}
	var wantOps, gotOps []string
	for name := range want.Operations {
		wantOps = append(wantOps, name)
	}
	for name := range got.Operations {
		gotOps = append(gotOps, name)
	}
	slices.Sort(wantOps)
	slices.Sort(gotOps)
	if diff := cmp.Diff(wantOps, gotOps); diff != "" {
		t.Fatalf("operations (-service model +written):\n%s", diff)
	}
	if len(gotOps) != ops {
		t.Errorf("%d operations, want %d", len(gotOps), ops)
	}
	for _, name := range wantOps {
		if diff := cmp.Diff(want.operation(t, name), got.operation(t, name)); diff != "" {
			t.Errorf("%s (-service model +written):\n%s", name, diff)
		}
	}
	for name := range got.Shapes {
		if _, ok := want.Shapes[name]; !ok {
			t.Errorf("written shape %s is not in the service model", name)
			continue
		}
		if diff := cmp.Diff(want.resolve(t, name, 0), got.resolve(t, name, 0)); diff != "" {
			t.Errorf("shape %s (-service model +written):\n%s", name, diff)
		}
	}
}

// TestPaginatorsMatchModel checks the written paginators against the
// service's own.
func TestPaginatorsMatchModel(t *testing.T) {
	for _, m := range modelled {
		ref, data := files(t, m.stem+".paginators.json", Paginators, m.svc)
		var want, got any
		if err := json.Unmarshal(ref, &want); err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(data, &got); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s paginators (-service model +written):\n%s", m.svc.Name, diff)
		}
	}
}

// TestDocumentationMatchesModel checks the documentation the written model
// carries (the service's and each operation's) against the services'
// documentation models.
func TestDocumentationMatchesModel(t *testing.T) {
	for _, m := range modelled {
		ref, data := files(t, m.stem+".docs.json", Service, m.svc)
		var want struct {
			Service    string            `json:"service"`
			Operations map[string]string `json:"operations"`
		}
		if err := json.Unmarshal(ref, &want); err != nil {
			t.Fatal(err)
		}
		var got struct {
			Documentation string `json:"documentation"`
			Operations    map[string]struct {
				Documentation string `json:"documentation"`
			} `json:"operations"`
		}
		if err := json.Unmarshal(data, &got); err != nil {
			t.Fatal(err)
		}
		if want.Service == "" || got.Documentation != want.Service {
			t.Errorf("%s: documentation %q, want %q", m.svc.Name, got.Documentation, want.Service)
		}
		if len(want.Operations) != m.ops {
			t.Errorf("%s: the docs model documents %d operations, want %d", m.svc.Name, len(want.Operations), m.ops)
		}
		for name, doc := range want.Operations {
			if got.Operations[name].Documentation != doc {
				t.Errorf("%s %s: documentation %q, want %q", m.svc.Name, name, got.Operations[name].Documentation, doc)
			}
		}
	}
}

// TestWrite checks the files and the folder botocore looks them up in.
func TestWrite(t *testing.T) {
	dir := t.TempDir()
	outs, err := Write(dir)
	if err != nil {
		t.Fatal(err)
	}
	wantOuts := []string{filepath.Join(dir, "iot1click-devices", "2018-05-14"), filepath.Join(dir, "iot1click-projects", "2018-05-14")}
	if diff := cmp.Diff(wantOuts, outs); diff != "" {
		t.Fatalf("Write wrote to (-want +got):\n%s", diff)
	}
	for i, svc := range []*model.Service{model.Devices, model.Projects} {
		for name, content := range map[string]func(*model.Service) ([]byte, error){ServiceFile: Service, PaginatorsFile: Paginators} {
			want, err := content(svc)
			if err != nil {
				t.Fatal(err)
			}
			got, err := os.ReadFile(filepath.Join(outs[i], name))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(bytes.TrimSuffix(got, []byte("\n")), want) || !json.Valid(got) {
				t.Errorf("%s/%s holds %q, want %q", svc.Name, name, got, want)
			}
		}
	}
	// Writing again over an existing model succeeds.
	if _, err := Write(dir); err != nil {
		t.Errorf("second Write: %v", err)
	}
	// A folder that cannot be created is an error.
	file := filepath.Join(dir, "file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Write(file); err == nil {
		t.Error("Write under a regular file succeeded")
	}
}

// TestServiceRejectsBadDescriptions checks that a description botocore
// could not use is an error, not a model.
func TestServiceRejectsBadDescriptions(t *testing.T) {
	str := &model.Shape{Name: "__string", Kind: model.KindString}
	op := func(in ...model.Member) model.Operation {
		return model.Operation{Name: "Op", Method: "GET", URI: "/x", Status: 200, Input: in, NoOutput: true}
	}
	for name, ops := range map[string][]model.Operation{
		"unknown exception": {{Name: "Op", Method: "GET", URI: "/x", Status: 200, NoOutput: true, Errors: []string{"TeapotException"}}},
		"unknown kind":      {op(model.Member{Name: "A", Wire: "a", Shape: &model.Shape{Name: "X", Kind: "blob"}})},
		"label in a body structure": {op(model.Member{Name: "A", Wire: "a", Shape: &model.Shape{
			Name: "S", Kind: model.KindStructure,
			Members: []model.Member{{Name: "B", Wire: "b", In: model.InURI, Shape: str}},
		}})},
		"two shapes named alike": {op(
			model.Member{Name: "A", Wire: "a", Shape: str},
			model.Member{Name: "B", Wire: "b", Shape: &model.Shape{Name: "__string", Kind: model.KindInteger}},
		)},
		"an operation named like a type": {op(model.Member{Name: "A", Wire: "a", Shape: &model.Shape{
			Name: "OpRequest", Kind: model.KindString,
		}})},
	} {
		if data, err := Service(&model.Service{Operations: ops, Exceptions: model.Exceptions}); err == nil {
			t.Errorf("%s: service returned %s, want an error", name, data)
		}
	}
	// A paginated operation needs the members that page.
	paged := op()
	paged.ResultKey = "Items"
	if data, err := Paginators(&model.Service{Operations: []model.Operation{paged}}); err == nil {
		t.Errorf("paginators of an operation with no token: %s, want an error", data)
	}
	// The same shape reached twice is written once.
	if _, err := Service(&model.Service{Operations: []model.Operation{op(model.Member{Name: "A", Wire: "a", Shape: str}, model.Member{Name: "B", Wire: "b", Shape: str})}}); err != nil {
		t.Errorf("a shape used twice: %v", err)
	}
}
