// The SSE ticker of the original bug report, written the way Go users write streaming handlers:
// lambdaurl over an http.Handler. lambdaurl posts the response without the
// Lambda-Runtime-Function-Response-Mode header, so an emulator that decides streaming from that header
// instead of the function's InvokeMode buffers it.
// Query parameters as the Node ticker: ?count=, ?interval=, ?mode=content-type (no prelude: a raw
// stream with its own content type), ?mode=full-prelude (Go's prelude omits empty cookies anyway).
package main

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"os"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-lambda-go/lambdaurl"
	"lsc.local/functions/go/internal/fixture"
)

type schedule struct{ count, intervalMs int }

func scheduleOf(query url.Values) schedule {
	count := fixture.IntParam(query, "count", fixture.EnvInt(os.Getenv("TICK_COUNT"), 10), 1000)
	interval := fixture.IntParam(query, "interval", fixture.EnvInt(os.Getenv("TICK_INTERVAL_MS"), 1000), 60000)
	return schedule{count, interval}
}

func tick(s schedule, write func([]byte) error) error {
	start := time.Now()
	for seq := 0; seq < s.count; seq++ {
		fixture.SleepUntil(start.Add(time.Duration(seq*s.intervalMs) * time.Millisecond))
		if err := write(fixture.Frame(seq)); err != nil {
			return err
		}
	}
	return nil
}

func serve(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-cache")
	w.WriteHeader(http.StatusOK)
	query := r.URL.Query()
	if request, ok := lambdaurl.RequestFromContext(r.Context()); ok {
		query = fixture.Query(request)
	}
	_ = tick(scheduleOf(query), func(frame []byte) error {
		_, err := w.Write(frame)
		return err
	})
}

var withPrelude = lambdaurl.Wrap(http.HandlerFunc(serve))

func handle(ctx context.Context, request *events.LambdaFunctionURLRequest) (io.Reader, error) {
	query := fixture.Query(request)
	if query.Get("mode") == "content-type" {
		return fixture.Stream("text/event-stream", func(w *io.PipeWriter) error {
			return tick(scheduleOf(query), func(frame []byte) error {
				_, err := w.Write(frame)
				return err
			})
		}), nil
	}
	return withPrelude(ctx, request)
}

func main() {
	lambda.Start(handle)
}
