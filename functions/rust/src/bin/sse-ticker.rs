//! The SSE ticker of the original bug report on lambda_http's streaming runtime, which sends the
//! response-mode header, chunked encoding and a prelude that always lists cookies.
//! Query parameters as the Node ticker: ?count=, ?interval=.
use lambda_http::{http::Response, run_with_streaming_response, service_fn, Error, Request};
use lsc_rust_fixtures::{data, env_int, frame, int_param, sleep_until, streamed, StreamedBody};
use std::time::{Duration, Instant};

async fn handle(request: Request) -> Result<Response<StreamedBody>, Error> {
    let count = int_param(&request, "count", env_int("TICK_COUNT", 10), 1000);
    let interval = int_param(&request, "interval", env_int("TICK_INTERVAL_MS", 1000), 60000);
    let body = streamed(move |sender| async move {
        let start = Instant::now();
        for seq in 0..count {
            sleep_until(start, Duration::from_millis(seq * interval)).await;
            if sender.send(data(frame(seq))).await.is_err() {
                return;
            }
        }
    });
    Ok(Response::builder()
        .status(200)
        .header("content-type", "text/event-stream")
        .header("cache-control", "no-cache")
        .body(body)?)
}

#[tokio::main]
async fn main() -> Result<(), Error> {
    run_with_streaming_response(service_fn(handle)).await
}
