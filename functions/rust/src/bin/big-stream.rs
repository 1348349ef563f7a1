//! Streams ?bytes= bytes (25 MiB by default) of the BigStream pattern in ?chunk=-sized writes: every
//! byte value occurs and each 65536-byte period opens with 16 NULs, so corruption cannot hide.
use bytes::Bytes;
use lambda_http::{http::Response, run_with_streaming_response, service_fn, Error, Request};
use lsc_rust_fixtures::{data, int_param, streamed, StreamedBody};

const PERIOD: u64 = 65536;

fn pattern(length: usize) -> Bytes {
    (0..length).map(|i| if (i as u64) % PERIOD < 16 { 0 } else { (i * 31 + (i >> 8)) as u8 }).collect::<Vec<u8>>().into()
}

async fn handle(request: Request) -> Result<Response<StreamedBody>, Error> {
    let total = int_param(&request, "bytes", 25 * 1024 * 1024, u64::MAX);
    // Whole periods of the pattern, so one block can be sent again and again.
    let chunk = ((int_param(&request, "chunk", 1024 * 1024, u64::MAX) + PERIOD / 2) / PERIOD).max(1) * PERIOD;
    let block = pattern(chunk as usize);
    let body = streamed(move |sender| async move {
        let mut offset = 0;
        while offset < total {
            let piece = block.slice(..chunk.min(total - offset) as usize);
            if sender.send(data(piece)).await.is_err() {
                return;
            }
            offset += chunk;
        }
    });
    Ok(Response::builder().status(200).header("content-type", "application/octet-stream").body(body)?)
}

#[tokio::main]
async fn main() -> Result<(), Error> {
    run_with_streaming_response(service_fn(handle)).await
}
