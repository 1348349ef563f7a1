// A streamed body with no HTTP integration prelude: a raw reader, as a Go handler returns one. ?type=
// sets its content type; without it the runtime client's default (application/octet-stream) applies.
package main

import (
	"context"
	"io"
	"strings"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-lambda-go/lambda"
	"lsc.local/functions/go/internal/fixture"
)

func handle(_ context.Context, request *events.LambdaFunctionURLRequest) (io.Reader, error) {
	write := func(w *io.PipeWriter) error {
		for _, piece := range []string{"plain streamed ", "body\n"} {
			if _, err := io.Copy(w, strings.NewReader(piece)); err != nil {
				return err
			}
		}
		return nil
	}
	if contentType := request.QueryStringParameters["type"]; contentType != "" {
		return fixture.Stream(contentType, write), nil
	}
	reader, writer := io.Pipe()
	go func() { writer.CloseWithError(write(writer)) }()
	return reader, nil
}

func main() {
	lambda.Start(handle)
}
