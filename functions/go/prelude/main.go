// Prelude variants through lambdaurl, as Go users set status and headers: WriteHeader, Header().Set,
// and each cookie as its own Set-Cookie header (lambdaurl turns them into the prelude's cookies).
// ?variant= chooses, with the Node fixture's names where Go can express the same thing.
package main

import (
	"fmt"
	"net/http"

	"github.com/aws/aws-lambda-go/lambdaurl"
	"lsc.local/functions/go/internal/fixture"
)

type variant struct {
	status  int
	headers map[string]string
	cookies []string
}

var variants = map[string]variant{
	"status-headers-cookies": {
		status:  201,
		headers: map[string]string{"Content-Type": "text/plain; charset=utf-8", "X-Lsc-Fixture": "prelude"},
		cookies: []string{"session=abc123; Path=/; HttpOnly", "theme=dark", "lang=en-GB; Max-Age=60"},
	},
	"no-cookies": {status: 202, headers: map[string]string{"Content-Type": "text/plain", "X-Lsc-Fixture": "no-cookies"}},
	"no-headers": {status: 418},
}

func serve(w http.ResponseWriter, r *http.Request) {
	name := r.URL.Query().Get("variant")
	if request, ok := lambdaurl.RequestFromContext(r.Context()); ok {
		name = fixture.Query(request).Get("variant")
	}
	if name == "" {
		name = "status-headers-cookies"
	}
	chosen, ok := variants[name]
	if !ok {
		http.Error(w, fmt.Sprintf("unknown prelude variant %s", name), http.StatusBadRequest)
		return
	}
	for key, value := range chosen.headers {
		w.Header().Set(key, value)
	}
	for _, cookie := range chosen.cookies {
		w.Header().Add("Set-Cookie", cookie)
	}
	w.WriteHeader(chosen.status)
	_, _ = fmt.Fprintf(w, "prelude variant %s\n", name)
}

func main() {
	lambdaurl.Start(http.HandlerFunc(serve))
}
