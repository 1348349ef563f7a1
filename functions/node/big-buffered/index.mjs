// A non-streaming handler whose serialized result is exactly ?size= bytes: a JSON string of
// size - 2 characters, since the runtime client posts JSON.stringify(result).
export const handler = async (event) => {
  const size = Number.parseInt(event.queryStringParameters?.size ?? '1024', 10);
  return 'a'.repeat(Math.max(0, size - 2));
};
