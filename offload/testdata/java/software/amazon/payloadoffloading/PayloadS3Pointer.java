// The fields, accessors and Jackson configuration of
// payload-offloading-java-common-lib's PayloadS3Pointer and
// JsonDataConverter (software.amazon.payloadoffloading), enough to write and
// read pointers exactly as the AWS Java extended clients do.
package software.amazon.payloadoffloading;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

public class PayloadS3Pointer {
    private String s3BucketName;
    private String s3Key;

    private PayloadS3Pointer() {
    }

    public PayloadS3Pointer(String s3BucketName, String s3Key) {
        this.s3BucketName = s3BucketName;
        this.s3Key = s3Key;
    }

    public String getS3BucketName() {
        return s3BucketName;
    }

    public String getS3Key() {
        return s3Key;
    }

    static ObjectMapper mapper() {
        ObjectMapper m = new ObjectMapper();
        m.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        m.configure(SerializationFeature.FAIL_ON_EMPTY_BEANS, false);
        m.enableDefaultTyping(ObjectMapper.DefaultTyping.NON_FINAL);
        return m;
    }

    public String toJson() throws Exception {
        return mapper().writer().writeValueAsString(this);
    }

    public static PayloadS3Pointer fromJson(String json) throws Exception {
        return mapper().readValue(json, PayloadS3Pointer.class);
    }
}
