// Package transport is the call engine of the SDK's service clients: options
// resolution, endpoint rules, SigV4 signing, retries (X-Amz-Retry-After
// included), clock skew correction, the redirect guard, error parsing,
// result metadata, logging, tracing and metrics, and the smithy-go
// middleware stack; and the walk engine of paginators and iterators.
//
// A service package (iot1click, iot1click/projects) describes itself once,
// with a [Service], and each of its operations with an [Operation]; it keeps
// its public types (Options, inputs, outputs, exceptions, paginators) and
// converts its Options to the engine's [Options]. Nothing of the engine is
// copied into a service package, and no exported method is added to its
// public types: operations are bound with function values.
//
// # Describing a service
//
// iot1click/service.go is the reference; a second service writes the same:
//
//	var service = &transport.Service{
//		ID:             model.ProjectsServiceID,
//		SigningName:    model.SigningName,
//		EndpointPrefix: model.ProjectsEndpointPrefix,
//		EndpointEnvVar: model.ProjectsEndpointEnvVar,
//		ConfigKey:      model.ProjectsConfigKey,
//		Scope:          "github.com/iot1click-sdk/iot1click-go/iot1click/projects",
//		Exceptions: transport.Exceptions(model.ProjectsExceptions, map[string]func(msg, code string) error{
//			"ResourceNotFoundException": func(msg, code string) error {
//				return &ResourceNotFoundException{Message: msg, Code: code}
//			},
//			// ... one constructor per modelled exception
//		}),
//		// RedirectError has Redirect's fields, in its order.
//		NewRedirectError: func(r transport.Redirect) error { return (*RedirectError)(&r) },
//		Walk: transport.WalkErrors{
//			NoMorePages: ErrNoMorePages,
//			Duplicate:   func(d transport.DuplicateToken) error { return (*DuplicateTokenError)(&d) },
//			Limit:       func(l transport.WalkLimit) error { return (*WalkLimitError)(&l) },
//		},
//	}
//
// # Options
//
// The service's public types have the fields of the engine's public forms
// in this package, in their order, and convert to them, so that the
// service package keeps only the declarations (public.go): its Options
// are a PublicOptions over its HTTPClient, EndpointResolverV2 and
// EndpointParameters, which Engine turns into the engine's Options (an
// EndpointResolverV2 other than the default becomes an EndpointResolver
// function) and Public turns back; NewDefaultEndpointResolverV2 returns a
// DefaultResolver; RedirectError, DuplicateTokenError and WalkLimitError
// take their texts from Redirect, DuplicateToken and WalkLimit. New makes
// the engine with NewClient, which resolves the options (Resolve), and
// reads the resolved options back from Client.Options; NewFromConfig
// starts from OptionsFromConfig. A call with option functions gets its
// options from CallOptions; a call without passes nil.
//
// # Binding an operation
//
// An operation is a package-level *Operation, a composite literal of its
// name and four functions over the service's own input and output types
// (static data: a program that never calls the operation links none of
// it, so keep it a literal, not the result of a function call):
//
//	var opDescribeProject = &transport.Operation[DescribeProjectInput, DescribeProjectOutput]{
//		Name: "DescribeProject",
//		Validate: func(in *DescribeProjectInput, errs *smithy.InvalidParamsError) {
//			transport.RequireLabel(errs, "ProjectName", in.ProjectName)
//		},
//		Serialize: func(in *DescribeProjectInput, r *transport.Request) {
//			r.Method(http.MethodGet)
//			r.Literal("/projects/")
//			r.Label(in.ProjectName)
//		},
//		Deserialize: func(out *DescribeProjectOutput, d *wire.Decoder) error {
//			return d.Object(func(key string) error { ... })
//		},
//		Metadata: func(out *DescribeProjectOutput) *middleware.Metadata { return &out.ResultMetadata },
//	}
//
// and the public method converts the options and calls [Call]:
//
//	func (c *Client) DescribeProject(ctx context.Context, params *DescribeProjectInput, optFns ...func(*Options)) (*DescribeProjectOutput, error) {
//		if params == nil {
//			params = &DescribeProjectInput{}
//		}
//		return transport.Call(ctx, c.engine, c.callOptions(optFns), opDescribeProject, params)
//	}
//
// where c.engine is the *Client made by [NewClient] from the service's
// description and its converted options, and c.callOptions returns nil
// without option functions (the client's own resolved options) or, with
// them, [Client.CallOptions] of the changed copy. Paginators hold a [Walk]
// made by [NewWalk], and their item iterators are [Items] over it
// (iot1click/paginator.go and iterator.go).
//
// # One call, two paths
//
// Call runs an operation on the fast path, which builds no middleware
// stack, unless the options set APIOptions, a TracerProvider or a
// MeterProvider: then it runs a smithy-go middleware.Stack laid out as in
// the official clients. Both run the same pieces, written once: validation,
// serialization, the invocation ID, the endpoint, the payload hash,
// signing, the send with the redirect guard, and the reading of a response
// (request ID, server time, errors, clock skew, the output); on the stack
// they are middleware with the official IDs (stack.go). The stack's Retry
// middleware is aws-sdk-go-v2's own, for the attempt results and metrics
// the official clients record; the fast path's retry loop makes its
// decisions (X-Amz-Retry-After, the errors of a cancelled call). So both
// paths return the same output and the same error chain, which the tests
// of the service packages check for every operation and hostile answer.
//
// # Walks
//
// [Walk] is the engine of paginators: page-token bookkeeping, the check for
// a repeated token, the MaxPages and MaxItems bounds (ending with the
// service's walk-limit error, which carries the token to resume from), and
// Prefetch. [Items] turns a walk into an iter.Seq2 over the items of its
// pages.
package transport
