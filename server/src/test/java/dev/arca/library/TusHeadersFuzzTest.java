package dev.arca.library;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.arca.platform.ApiProblem;

/**
 * The tus headers come from any signed-in client: each is read or refused with a 400, nothing
 * else. See docs/fuzzing.md.
 */
class TusHeadersFuzzTest {

    @FuzzTest(maxDuration = "30m", maxExecutions = 10_000_000)
    void headers(FuzzedDataProvider data) {
        String number = data.consumeString(40);
        String checksum = data.consumeString(200);
        String metadata = data.consumeRemainingAsString();
        try {
            assertThat(TusHeaders.number(number, "Upload-Length")).isNotNegative();
        } catch (ApiProblem refused) {
            assertThat(refused.getStatusCode().value()).isEqualTo(400);
        }
        try {
            TusHeaders.Checksum parsed = TusHeaders.checksum(checksum);
            assertThat(parsed.digest()).isNotNull();
        } catch (ApiProblem refused) {
            assertThat(refused.getStatusCode().value()).isEqualTo(400);
        }
        try {
            assertThat(TusHeaders.metadata(metadata).size()).isLessThanOrEqualTo(metadata.length() + 1);
        } catch (ApiProblem refused) {
            assertThat(refused.getStatusCode().value()).isEqualTo(400);
        }
    }
}
