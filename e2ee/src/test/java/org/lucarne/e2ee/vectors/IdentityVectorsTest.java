package org.lucarne.e2ee.vectors;

import static org.lucarne.e2ee.vectors.VectorFile.b64;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.lucarne.e2ee.TestKeys;
import org.lucarne.e2ee.identity.BindingProof;
import org.lucarne.e2ee.identity.IdentityKeys;
import org.lucarne.e2ee.primitives.Labels;
import org.lucarne.e2ee.identity.PublicIdentity;
import org.lucarne.e2ee.safety.SafetyCode;
import org.lucarne.e2ee.wire.Bytes;

/** identity.json (identities, fingerprints, safety codes) and binding.json (binding and device proofs). */
class IdentityVectorsTest {
    static final String[] DEVICES = {"tablet", "family", "family 2"};
    static final String ORIGIN = "https://visits.chu.example";
    /** An invite id as the server makes them: 43 base64url characters. */
    static final String INVITE = Bytes.b64(TestKeys.value("invite id"));

    @Test
    void identityFileHoldsEachDevicesKeysFingerprintAndThePairsCodes() throws Exception {
        ObjectNode root = VectorFile.root("Identities (docs/e2ee.md \"Identity\") and safety codes (\"Safety codes\"). "
                + "idSigSigned is what id_sig signs; deviceIdInput is what SHA-256 hashes for the device id.");
        ArrayNode devices = root.putArray("devices");
        for (String name : DEVICES) {
            IdentityKeys k = TestKeys.identity(name);
            ObjectNode d = VectorFile.identity(name, k);
            d.put("idSigSigned", b64(Bytes.concat(Labels.prefix(Labels.IDENTITY_DH_KEY), k.identity().dhKey())));
            d.put("deviceIdInput", b64(Bytes.concat(Labels.prefix(Labels.DEVICE_ID), k.identity().sigKey(), k.identity().dhKey())));
            d.put("fingerprint", SafetyCode.fingerprint(k.identity()));
            devices.add(d);
        }
        ArrayNode pairs = root.putArray("pairs");
        for (int i = 0; i < DEVICES.length; i++) {
            for (int j = i + 1; j < DEVICES.length; j++) {
                PublicIdentity a = TestKeys.identity(DEVICES[i]).identity();
                PublicIdentity b = TestKeys.identity(DEVICES[j]).identity();
                String code = SafetyCode.safetyCode(a, b);
                pairs.addObject().put("a", DEVICES[i]).put("b", DEVICES[j]).put("safetyCode", code)
                        .put("shown", SafetyCode.grouped(code))
                        .put("shortCodeInput", b64(code.getBytes(StandardCharsets.US_ASCII)))
                        .put("shortCode", SafetyCode.shortCode(code));
            }
        }
        ArrayNode invalid = root.putArray("invalidRecords");
        byte[] swapped = TestKeys.identity("family").identity().record();
        System.arraycopy(TestKeys.identity("tablet").identity().dhKey(), 0, swapped, 32, 32);
        invalid.addObject().put("name", "IK_dh replaced by another device's").put("record", b64(swapped))
                .put("code", VectorFile.outcome(() -> PublicIdentity.parse(swapped)));
        byte[] shortRecord = java.util.Arrays.copyOf(TestKeys.identity("family").identity().record(), 127);
        invalid.addObject().put("name", "127 bytes").put("record", b64(shortRecord)).put("code", VectorFile.outcome(() -> PublicIdentity.parse(shortRecord)));
        VectorFile.check("identity.json", root);
    }

    @Test
    void bindingFileHoldsTheProofsOfBindingAndOfADevice() throws Exception {
        ObjectNode root = VectorFile.root("Proofs a family device gives the server (docs/e2ee.md \"Binding a link to a browser\"): "
                + "'signed' is the exact message; Ed25519 signatures are deterministic, so 'proof' is fixed.");
        IdentityKeys family = TestKeys.identity("family");
        root.set("device", VectorFile.identity("family", family));
        byte[] challenge = TestKeys.value("challenge 1");
        byte[] challenge2 = TestKeys.value("challenge 2");
        ArrayNode proofs = root.putArray("proofs");
        proofs.addObject().put("kind", "bind (0x01), e2ee_bind").put("origin", ORIGIN).put("invite", INVITE)
                .put("challenge", b64(challenge)).put("signed", b64(BindingProof.bindMessage(ORIGIN, INVITE, challenge)))
                .put("proof", b64(BindingProof.bind(family, ORIGIN, INVITE, challenge)));
        proofs.addObject().put("kind", "device (0x02), e2ee_hello").put("origin", ORIGIN).put("device", b64(family.deviceId()))
                .put("challenge", b64(challenge2)).put("signed", b64(BindingProof.helloMessage(ORIGIN, family.deviceId(), challenge2)))
                .put("proof", b64(BindingProof.hello(family, ORIGIN, challenge2)));
        ArrayNode refused = root.putArray("refused");
        byte[] proof = BindingProof.bind(family, ORIGIN, INVITE, challenge);
        refused.addObject().put("name", "the bind proof checked against another origin")
                .put("origin", "https://visits.chu.example:8443").put("invite", INVITE).put("challenge", b64(challenge))
                .put("proof", b64(proof)).put("valid", BindingProof.verifyBind(family.identity(), "https://visits.chu.example:8443", INVITE, challenge, proof));
        refused.addObject().put("name", "the bind proof checked against a fresh challenge")
                .put("origin", ORIGIN).put("invite", INVITE).put("challenge", b64(challenge2))
                .put("proof", b64(proof)).put("valid", BindingProof.verifyBind(family.identity(), ORIGIN, INVITE, challenge2, proof));
        VectorFile.check("binding.json", root);
    }
}
