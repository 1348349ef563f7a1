// Streams ?bytes= bytes (25 MiB by default) of the BigStream pattern in ?chunk=-sized writes: every
// byte value occurs and each 65536-byte period opens with 16 NULs, so corruption cannot hide.
package main

import (
	"context"
	"io"
	"strconv"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-lambda-go/lambda"
)

const period = 65536

func pattern(length int) []byte {
	block := make([]byte, length)
	for i := range block {
		if i%period < 16 {
			block[i] = 0
		} else {
			block[i] = byte(i*31 + i>>8)
		}
	}
	return block
}

func intQuery(request *events.LambdaFunctionURLRequest, name string, fallback int) int {
	value, err := strconv.Atoi(request.QueryStringParameters[name])
	if err != nil || value < 0 {
		return fallback
	}
	return value
}

func handle(_ context.Context, request *events.LambdaFunctionURLRequest) (io.Reader, error) {
	total := intQuery(request, "bytes", 25*1024*1024)
	// Whole periods of the pattern, so one block can be written again and again.
	chunk := max(1, (intQuery(request, "chunk", 1024*1024)+period/2)/period) * period
	block := pattern(chunk)
	body, writer := io.Pipe()
	go func() {
		for offset := 0; offset < total; offset += chunk {
			piece := block[:min(chunk, total-offset)]
			if _, err := writer.Write(piece); err != nil {
				return
			}
		}
		writer.Close()
	}()
	return &events.LambdaFunctionURLStreamingResponse{
		StatusCode: 200,
		Headers:    map[string]string{"content-type": "application/octet-stream"},
		Body:       body,
	}, nil
}

func main() {
	lambda.Start(handle)
}
