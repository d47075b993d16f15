package transport_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestNoSDKSignerLinked builds a program that makes one ListDevices call
// and checks that it links internal/sigv4's signer and none of
// aws-sdk-go-v2's v4.Signer, which only tests use (as the reference).
// It skips in -short mode or without a go tool.
func TestNoSDKSignerLinked(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a program")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go tool:", err)
	}
	dir := t.TempDir()
	prog := filepath.Join(dir, "main.go")
	src := `package main

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"

	"github.com/iot1click-sdk/iot1click-go/iot1click"
)

func main() {
	c := iot1click.New(iot1click.Options{Region: "us-west-2", BaseEndpoint: aws.String("http://127.0.0.1:1"),
		Credentials: credentials.NewStaticCredentialsProvider("AKIDEXAMPLE", "secret", "")})
	_, _ = c.ListDevices(context.Background(), &iot1click.ListDevicesInput{})
}
`
	if err := os.WriteFile(prog, []byte(src), 0o600); err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(dir, "prog")
	if out, err := exec.Command(goTool, "build", "-o", bin, prog).CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	out, err := exec.Command(goTool, "tool", "nm", bin).Output()
	if err != nil {
		t.Fatalf("go tool nm: %v", err)
	}
	syms := string(out)
	if !strings.Contains(syms, "internal/sigv4.(*Signer).Sign") {
		t.Error("the program does not link internal/sigv4's Signer.Sign")
	}
	for _, line := range strings.Split(syms, "\n") {
		if strings.Contains(line, "aws/signer/v4.(*Signer)") || strings.Contains(line, "aws/signer/v4.Signer.") ||
			strings.Contains(line, "aws/signer/v4.NewSigner") || strings.Contains(line, "aws/signer/v4.(*httpSigner)") {
			t.Errorf("the program links aws-sdk-go-v2's v4 signer: %s", strings.TrimSpace(line))
		}
	}
}
