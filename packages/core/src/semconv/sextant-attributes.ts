/**
 * The SHA-256 hash (hex) of the API key a call was made with, as the gateway records it: usage and
 * cost can be grouped by key without the key ever being stored.
 */
export const API_KEY_HASH_ATTRIBUTE = 'sextant.api_key.hash';
