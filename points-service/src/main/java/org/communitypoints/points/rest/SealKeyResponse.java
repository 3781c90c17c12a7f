package org.communitypoints.points.rest;

/**
 * The published seal key.
 *
 * @param keyId the id every seal signed with it names
 * @param algorithm always "Ed25519"
 * @param publicKey base64 of the X.509 SubjectPublicKeyInfo (WebCrypto imports it as "spki")
 */
public record SealKeyResponse(String keyId, String algorithm, String publicKey) {
}
