package iot1clicktest

import (
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"

	"github.com/iot1click-sdk/iot1click-go/iot1click/projects"
)

// ProjectsClient returns a client of the Projects service pointed at the
// server, which serves both services on one address, signing with the
// default account's credentials in the server's region. optFns apply after
// these settings and may change any of them.
func (s *Server) ProjectsClient(optFns ...func(*projects.Options)) *projects.Client {
	return s.NewProjectsClient(s.URL, append([]func(*projects.Options){func(o *projects.Options) {
		o.HTTPClient = s.ts.Client()
	}}, optFns...)...)
}

// NewProjectsClient returns a client of the Projects service at baseURL,
// where the handler is mounted, signing with the default account's
// credentials in the handler's region. optFns apply after these settings
// and may change any of them.
func (s *Handler) NewProjectsClient(baseURL string, optFns ...func(*projects.Options)) *projects.Client {
	return projects.New(projects.Options{
		Region:       s.cfg.region,
		Credentials:  credentials.NewStaticCredentialsProvider(s.cfg.accessKeyID, s.cfg.secret, ""),
		BaseEndpoint: aws.String(baseURL),
	}, optFns...)
}
