package snippets

// The tracing packages the README's snippets import, kept in go.mod: the
// generated packages live under testdata, which go mod tidy does not read.
import (
	_ "github.com/aws/smithy-go/metrics/smithyotelmetrics"
	_ "github.com/aws/smithy-go/tracing/smithyoteltracing"
)
