// Command client is the one-call program of TestBinarySize: a ListDevices
// call with the client, as small a program as a user writes.
package main

import (
	"context"
	"fmt"
	"os"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"

	"github.com/iot1click-sdk/iot1click-go/iot1click"
)

func main() {
	c := iot1click.New(iot1click.Options{
		Region:       "us-west-2",
		Credentials:  credentials.NewStaticCredentialsProvider(os.Getenv("K"), os.Getenv("S"), ""),
		BaseEndpoint: aws.String(os.Getenv("E")),
	})
	out, err := c.ListDevices(context.Background(), &iot1click.ListDevicesInput{DeviceType: "button"})
	if err != nil {
		fmt.Println(err)
		os.Exit(1)
	}
	fmt.Println(len(out.Devices))
}
