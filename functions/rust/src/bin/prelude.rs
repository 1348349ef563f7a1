//! Prelude variants as Rust users set them: status and headers on the http::Response, each cookie as
//! its own Set-Cookie header (lambda_http moves them into the prelude's cookies). ?variant= chooses,
//! with the Node fixture's names where Rust can express the same thing.
use bytes::Bytes;
use lambda_http::{http::Response, run_with_streaming_response, service_fn, Error, Request};
use lsc_rust_fixtures::{data, str_param, streamed, StreamedBody};

async fn handle(request: Request) -> Result<Response<StreamedBody>, Error> {
    let name = str_param(&request, "variant").unwrap_or_else(|| "status-headers-cookies".to_owned());
    let builder = match name.as_str() {
        "status-headers-cookies" => Response::builder()
            .status(201)
            .header("content-type", "text/plain; charset=utf-8")
            .header("x-lsc-fixture", "prelude")
            .header("set-cookie", "session=abc123; Path=/; HttpOnly")
            .header("set-cookie", "theme=dark")
            .header("set-cookie", "lang=en-GB; Max-Age=60"),
        "no-cookies" => Response::builder().status(202).header("content-type", "text/plain").header("x-lsc-fixture", "no-cookies"),
        "no-headers" => Response::builder().status(418),
        other => return Err(format!("unknown prelude variant {other}").into()),
    };
    let body = Bytes::from(format!("prelude variant {name}\n"));
    Ok(builder.body(streamed(move |sender| async move {
        let _ = sender.send(data(body)).await;
    }))?)
}

#[tokio::main]
async fn main() -> Result<(), Error> {
    run_with_streaming_response(service_fn(handle)).await
}
