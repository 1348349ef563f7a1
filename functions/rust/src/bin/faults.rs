//! The unhappy paths, chosen with ?mode=, with the Node fixture's names for what Rust can express.
//! A mid-stream error is an Err item in the body stream; lambda_runtime reports it its own way.
use bytes::Bytes;
use lambda_http::{http::Response, run_with_streaming_response, service_fn, Error, Request};
use lsc_rust_fixtures::{data, frame, int_param, str_param, streamed, StreamedBody};
use std::time::Duration;

async fn handle(request: Request) -> Result<Response<StreamedBody>, Error> {
    let interval = Duration::from_millis(int_param(&request, "interval", 1000, 60000).max(1));
    let mode = str_param(&request, "mode").unwrap_or_default();
    let sse = || Response::builder().status(200).header("content-type", "text/event-stream");
    let response = match mode.as_str() {
        // The normal path of this same function: cases that expect a failure first prove it works.
        "well-formed" => Response::builder().status(201).header("x-lsc-fixture", "well-formed").body(streamed(|sender| async move {
            let _ = sender.send(data(Bytes::from_static(b"well-formed body\n"))).await;
        })),
        "throw-before-write" => return Err("fixture failure before the first write".into()),
        "throw-mid-stream" => sse().body(streamed(move |sender| async move {
            let _ = sender.send(data(frame(0))).await;
            tokio::time::sleep(interval).await;
            let _ = sender.send(data(frame(1))).await;
            tokio::time::sleep(interval / 2).await;
            let _ = sender.send(Err("fixture failure after two frames".into())).await;
        })),
        "slow-first-byte" => sse().body(streamed(move |sender| async move {
            tokio::time::sleep(interval).await;
            let _ = sender.send(data(frame(0))).await;
        })),
        "prelude-only" => Response::builder().status(404).header("x-lsc-fixture", "prelude-only").body(streamed(|_| async {})),
        other => return Err(format!("unknown fault mode {other}").into()),
    };
    Ok(response?)
}

#[tokio::main]
async fn main() -> Result<(), Error> {
    run_with_streaming_response(service_fn(handle)).await
}
