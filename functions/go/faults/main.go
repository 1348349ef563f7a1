// The unhappy paths, chosen with ?mode=, with the Node fixture's names for what Go can express. Timed
// frames carry seq and emission time like the ticker's, so the judge can tell what came before a failure.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-lambda-go/lambdaurl"
	"lsc.local/functions/go/internal/fixture"
)

type mode func(ctx context.Context, request *events.LambdaFunctionURLRequest, interval time.Duration) (io.Reader, error)

func viaHandler(serve http.HandlerFunc) mode {
	wrapped := lambdaurl.Wrap(serve)
	return func(ctx context.Context, request *events.LambdaFunctionURLRequest, _ time.Duration) (io.Reader, error) {
		return wrapped(ctx, request)
	}
}

var modes = map[string]mode{
	// The normal path of this same function: cases that expect a failure first prove it works.
	"well-formed": viaHandler(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("X-Lsc-Fixture", "well-formed")
		w.WriteHeader(201)
		_, _ = io.WriteString(w, "well-formed body\n")
	}),
	"throw-before-write": func(context.Context, *events.LambdaFunctionURLRequest, time.Duration) (io.Reader, error) {
		return nil, errors.New("fixture failure before the first write")
	},
	// The body reader fails after two frames; the runtime client reports it in the error trailers.
	"throw-mid-stream": func(_ context.Context, _ *events.LambdaFunctionURLRequest, interval time.Duration) (io.Reader, error) {
		body, writer := io.Pipe()
		go func() {
			_, _ = writer.Write(fixture.Frame(0))
			time.Sleep(interval)
			_, _ = writer.Write(fixture.Frame(1))
			time.Sleep(interval / 2)
			writer.CloseWithError(errors.New("fixture failure after two frames"))
		}()
		return &events.LambdaFunctionURLStreamingResponse{
			StatusCode: 200,
			Headers:    map[string]string{"content-type": "text/event-stream"},
			Body:       body,
		}, nil
	},
	"slow-first-byte": func(ctx context.Context, request *events.LambdaFunctionURLRequest, interval time.Duration) (io.Reader, error) {
		return lambdaurl.Wrap(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Type", "text/event-stream")
			time.Sleep(interval)
			_, _ = w.Write(fixture.Frame(0))
		}))(ctx, request)
	},
	"prelude-only": viaHandler(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("X-Lsc-Fixture", "prelude-only")
		w.WriteHeader(404)
	}),
	"empty": func(context.Context, *events.LambdaFunctionURLRequest, time.Duration) (io.Reader, error) {
		return strings.NewReader(""), nil
	},
}

func handle(ctx context.Context, request *events.LambdaFunctionURLRequest) (io.Reader, error) {
	name := request.QueryStringParameters["mode"]
	chosen, ok := modes[name]
	if !ok {
		return nil, fmt.Errorf("unknown fault mode %s", name)
	}
	interval := time.Duration(min(max(fixture.IntParam(fixture.Query(request), "interval", 1000, 60000), 1), 60000)) * time.Millisecond
	return chosen(ctx, request, interval)
}

func main() {
	lambda.Start(handle)
}
