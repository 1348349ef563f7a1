//! A non-streaming handler whose serialized result is exactly ?size= bytes: a JSON string of size - 2
//! characters, since the runtime client posts the JSON encoding of the result.
use lambda_runtime::{run, service_fn, Error, LambdaEvent};
use serde_json::Value;

async fn handle(event: LambdaEvent<Value>) -> Result<String, Error> {
    let size = event.payload["queryStringParameters"]["size"].as_str().and_then(|s| s.parse::<usize>().ok()).unwrap_or(1024);
    Ok("a".repeat(size.saturating_sub(2)))
}

#[tokio::main]
async fn main() -> Result<(), Error> {
    run(service_fn(handle)).await
}
