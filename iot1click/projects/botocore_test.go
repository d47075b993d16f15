package projects_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/iot1click-sdk/iot1click-go/internal/testenv"
)

// botocoreSerialize reads cases [{op, params}] on stdin and writes the
// requests botocore's own rest-json serializer makes of them, on the
// service model named by argv[1], with botocore's parameter validation on.
const botocoreSerialize = `
import json, sys
from botocore.model import ServiceModel
from botocore.serialize import create_serializer
from botocore.utils import percent_encode_sequence
model = ServiceModel(json.load(open(sys.argv[1])), service_name="iot1click-projects")
ser = create_serializer("rest-json", include_validation=True)
out = []
for case in json.load(sys.stdin):
    req = ser.serialize_to_request(case["params"], model.operation_model(case["op"]))
    body = req["body"]
    if isinstance(body, bytes):
        body = body.decode("utf-8")
    query = percent_encode_sequence(req["query_string"]) if req["query_string"] else ""
    out.append({"method": req["method"], "path": req["url_path"], "query": query, "body": body})
json.dump(out, sys.stdout)
`

// TestRequestsEqualBotocore checks that every operation's request is the
// one botocore's serializer makes of the same input: method, escaped path,
// query and body. botocore runs on the service model in shared/models.
func TestRequestsEqualBotocore(t *testing.T) {
	models := testenv.SharedModels(t)
	py := testenv.RequirePython(t, "botocore.serialize")
	cases := operationCases()
	type botoCase struct {
		Op     string         `json:"op"`
		Params map[string]any `json:"params"`
	}
	var in []botoCase
	for _, tc := range cases {
		in = append(in, botoCase{tc.op, tc.boto})
	}
	stdin, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(py, "-c", botocoreSerialize, filepath.Join(models, "iot1click-projects-2018-05-14.api.json"))
	cmd.Stdin = bytes.NewReader(stdin)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdout, err := cmd.Output()
	if err != nil {
		t.Fatalf("botocore: %v\n%s", err, stderr.Bytes())
	}
	var want []struct{ Method, Path, Query, Body string }
	if err := json.Unmarshal(stdout, &want); err != nil || len(want) != len(cases) {
		t.Fatalf("botocore answered %d requests (%v), want %d: %s", len(want), err, len(cases), stdout)
	}
	for i, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			w := want[i]
			// The table's own expectations are botocore's, so that the wire
			// tests check what botocore sends.
			if w.Method != tc.method || w.Path != tc.path || sameJSON(w.Body, tc.body) != "" {
				t.Errorf("table case differs from botocore: %s %s %s, botocore %s %s %s", tc.method, tc.path, tc.body, w.Method, w.Path, w.Body)
			}
			rec := newRecorder(t, func(rw http.ResponseWriter, r *http.Request) { testenv.WriteJSON(rw, 200, "req", tc.resp) })
			if _, err := tc.call(context.Background(), rec.client()); err != nil {
				t.Fatalf("%s: %v", tc.op, err)
			}
			checkWire(t, rec.only(t), w.Method, w.Path, w.Query, w.Body)
		})
	}
}
