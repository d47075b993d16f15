// Command floor is the naive floor of TestBinarySize: the same ListDevices
// call made with net/http, the v4 signer and encoding/json.
package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"time"

	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/aws/aws-sdk-go-v2/credentials"
)

type device struct {
	Arn           string            `json:"arn"`
	Attributes    map[string]string `json:"attributes"`
	DeviceID      string            `json:"deviceId"`
	Enabled       bool              `json:"enabled"`
	RemainingLife *float64          `json:"remainingLife"`
	Tags          map[string]string `json:"tags"`
	Type          string            `json:"type"`
}

func main() {
	ctx := context.Background()
	creds, _ := credentials.NewStaticCredentialsProvider(os.Getenv("K"), os.Getenv("S"), "").Retrieve(ctx)
	u, _ := url.Parse(os.Getenv("E"))
	u.Path = "/devices"
	u.RawQuery = url.Values{"deviceType": {"button"}}.Encode()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	sum := sha256.Sum256(nil)
	if err := v4.NewSigner().SignHTTP(ctx, creds, req, hex.EncodeToString(sum[:]), "iot1click", "us-west-2", time.Now()); err != nil {
		fmt.Println(err)
		os.Exit(1)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		fmt.Println(err)
		os.Exit(1)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	var page struct {
		Devices   []device `json:"devices"`
		NextToken string   `json:"nextToken"`
	}
	if err := json.Unmarshal(b, &page); err != nil {
		fmt.Println(err)
		os.Exit(1)
	}
	fmt.Println(len(page.Devices))
}
