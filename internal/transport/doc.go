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
//	var service = &transport.Service{
//		ID:             "IoT 1Click Projects",
//		SigningName:    "iot1click",
//		EndpointPrefix: "projects.iot1click",
//		EndpointEnvVar: "AWS_ENDPOINT_URL_IOT_1CLICK_PROJECTS",
//		Scope:          "github.com/iot1click-sdk/iot1click-go/iot1click/projects",
//		Exceptions: []transport.Exception{
//			{Code: "ResourceNotFoundException", Status: 404, New: func(msg, code string) error {
//				return &ResourceNotFoundException{Message: msg, Code: code}
//			}},
//			// ...
//		},
//		NewRedirectError: func(r transport.Redirect) error { return (*RedirectError)(&r) },
//		Walk: transport.WalkErrors{...},
//	}
//
// # Binding an operation
//
// An operation is a package-level *Operation made once by [NewOperation]
// from its name and four functions over the service's own input and output
// types:
//
//	var opDescribeProject = transport.NewOperation(transport.OperationSpec[DescribeProjectInput, DescribeProjectOutput]{
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
//	})
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
// them, [Client.CallOptions] of the changed copy.
//
// # One call, two paths
//
// Call runs an operation on the fast path, which builds no middleware
// stack, unless the options set APIOptions, a TracerProvider or a
// MeterProvider: then it runs a smithy-go middleware.Stack laid out as in
// the official clients. Both paths run the same pieces (validation,
// serialization, the endpoint, signing, one attempt's send and read, the
// retry loop's decisions); on the stack they are middleware with the
// official IDs. So both return the same result and the same error chain.
//
// # Walks
//
// [Walk] is the engine of paginators: page-token bookkeeping, the check for
// a repeated token, the MaxPages and MaxItems bounds (ending with the
// service's walk-limit error, which carries the token to resume from), and
// Prefetch. [Items] turns a walk into an iter.Seq2 over the items of its
// pages.
package transport
