package sigv4_test

import (
	"fmt"
	"net/http"
	"time"

	"github.com/iot1click-sdk/iot1click-go/internal/sigv4"
)

// A client signs a request; the emulator's Verifier accepts it.
func ExampleSigner_Sign() {
	req, err := http.NewRequest("GET", "https://devices.iot1click.us-west-2.amazonaws.com/devices?maxResults=10", nil)
	if err != nil {
		panic(err)
	}
	creds := sigv4.Credentials{AccessKeyID: "AKIDEXAMPLE", SecretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"}
	at := time.Date(2024, 2, 29, 23, 59, 30, 0, time.UTC)
	const emptyBody = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

	var signer sigv4.Signer // one per client: it keeps the day's key and its buffers
	var trace sigv4.Trace   // for a signing log; nil when none is wanted
	if err := signer.Sign(req, creds, emptyBody, "iot1click", "us-west-2", at, &trace); err != nil {
		panic(err)
	}
	fmt.Println(req.Header.Get("X-Amz-Date"))
	fmt.Println(req.Header.Get("Authorization"))
	fmt.Println(trace.StringToSign[:len("AWS4-HMAC-SHA256\n20240229T235930Z\n20240229/us-west-2/iot1click/aws4_request")])

	v := &sigv4.Verifier{Service: "iot1click", Region: "us-west-2", Now: func() time.Time { return at },
		Lookup: func(id string) (string, bool) { return creds.SecretAccessKey, id == creds.AccessKeyID }}
	fmt.Println(v.Verify(req, nil))
	// Output:
	// 20240229T235930Z
	// AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240229/us-west-2/iot1click/aws4_request, SignedHeaders=host;x-amz-date, Signature=25cb297694d019a1ef29850e225a281754e2cf5edd2ee458fc8123c9f2862a57
	// AWS4-HMAC-SHA256
	// 20240229T235930Z
	// 20240229/us-west-2/iot1click/aws4_request
	// <nil>
}
