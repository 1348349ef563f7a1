// A non-streaming handler whose serialized result is exactly ?size= bytes: a JSON string of size - 2
// characters, since the runtime client posts the JSON encoding of the result.
package main

import (
	"context"
	"strconv"
	"strings"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-lambda-go/lambda"
)

func handle(_ context.Context, request *events.LambdaFunctionURLRequest) (string, error) {
	size, err := strconv.Atoi(request.QueryStringParameters["size"])
	if err != nil {
		size = 1024
	}
	return strings.Repeat("a", max(0, size-2)), nil
}

func main() {
	lambda.Start(handle)
}
