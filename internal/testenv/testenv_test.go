package testenv

import (
	"context"
	"os"
	"testing"

	"github.com/aws/aws-sdk-go-v2/config"
)

func TestClearAWS(t *testing.T) {
	t.Setenv("AWS_PROFILE", "no-such-profile")
	t.Setenv("AWS_USE_FIPS_ENDPOINT", "true")
	t.Setenv("AWS_REGION", "eu-north-1")
	cfgFile, credFile := ClearAWS(t)
	for _, k := range []string{"AWS_PROFILE", "AWS_USE_FIPS_ENDPOINT", "AWS_REGION"} {
		if v, ok := os.LookupEnv(k); ok {
			t.Errorf("%s still set to %q", k, v)
		}
	}
	if os.Getenv("AWS_CONFIG_FILE") != cfgFile || os.Getenv("AWS_SHARED_CREDENTIALS_FILE") != credFile {
		t.Error("config files not redirected")
	}
	cfg, err := config.LoadDefaultConfig(context.Background())
	if err != nil {
		t.Fatalf("LoadDefaultConfig: %v", err)
	}
	if cfg.Region != "" {
		t.Errorf("region %q leaked in", cfg.Region)
	}
}

func TestUseCredentials(t *testing.T) {
	UseCredentials(t, "AKIDTEST", "secret", "us-west-2")
	cfg, err := config.LoadDefaultConfig(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	creds, err := cfg.Credentials.Retrieve(context.Background())
	if err != nil || creds.AccessKeyID != "AKIDTEST" || cfg.Region != "us-west-2" {
		t.Errorf("credentials %q (%v), region %q", creds.AccessKeyID, err, cfg.Region)
	}
}

func TestRequirePython(t *testing.T) {
	// A module no python has: skipped on a laptop, a failure in CI. Run in
	// a subtest so that the outcome can be read.
	t.Setenv("CI", "")
	var skipped bool
	t.Run("missing", func(t *testing.T) {
		defer func() { skipped = t.Skipped() }()
		RequirePython(t, "no_such_module_iot1click")
	})
	if !skipped {
		t.Error("RequirePython of a missing module did not skip outside CI")
	}
}
