//! What every Rust fixture shares with the Node ones: the ticker frame format, emission times from the
//! wall clock the judge reads, query parameters parsed the same way, and a body that streams each
//! piece the moment the handler produces it.
use bytes::Bytes;
use http_body_util::StreamBody;
use lambda_http::{Error, Request, RequestExt};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};
use tokio::sync::mpsc;
use tokio_stream::wrappers::ReceiverStream;

/// One piece of a streamed body: data, or the error that ends the stream mid-way.
pub type Piece = Result<http_body::Frame<Bytes>, Error>;

/// A body fed through a channel: the handler's task sends pieces, the runtime client reads them.
pub type StreamedBody = StreamBody<ReceiverStream<Piece>>;

/// The emission time in epoch milliseconds with sub-millisecond precision.
pub fn now_ms() -> f64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs_f64() * 1000.0).unwrap_or(0.0)
}

/// One SSE frame of the ticker: `id: N` and a JSON body with seq and emittedAt.
pub fn frame(seq: u64) -> Bytes {
    Bytes::from(format!("id: {seq}\ndata: {{\"seq\":{seq},\"emittedAt\":{:.3}}}\n\n", now_ms()))
}

/// A non-negative integer query parameter, falling back when absent or malformed and capped at max.
pub fn int_param(request: &Request, name: &str, fallback: u64, max: u64) -> u64 {
    request
        .query_string_parameters_ref()
        .and_then(|query| query.first(name))
        .and_then(|value| value.parse::<u64>().ok())
        .map_or(fallback, |value| value.min(max))
}

pub fn str_param(request: &Request, name: &str) -> Option<String> {
    request.query_string_parameters_ref().and_then(|query| query.first(name)).map(str::to_owned)
}

pub fn env_int(name: &str, fallback: u64) -> u64 {
    std::env::var(name).ok().and_then(|value| value.parse().ok()).unwrap_or(fallback)
}

/// A body whose pieces `produce` sends from its own task, one channel slot deep so nothing piles up.
pub fn streamed<F, Fut>(produce: F) -> StreamedBody
where
    F: FnOnce(mpsc::Sender<Piece>) -> Fut,
    Fut: std::future::Future<Output = ()> + Send + 'static,
{
    let (sender, receiver) = mpsc::channel(1);
    tokio::spawn(produce(sender));
    StreamBody::new(ReceiverStream::new(receiver))
}

pub fn data(bytes: Bytes) -> Piece {
    Ok(http_body::Frame::data(bytes))
}

/// Waits for an absolute moment, so a late tick does not push every later one.
pub async fn sleep_until(start: Instant, offset: Duration) {
    tokio::time::sleep_until((start + offset).into()).await;
}
