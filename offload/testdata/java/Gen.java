// Gen writes, one per line, the pointer bodies of pointers.tsv (bucket TAB
// key, keys given in Java escapes) as Jackson writes them; with "read" it
// reads bodies from stdin and prints bucket TAB key of each.
//
//	javac -cp /usr/share/java/jackson-databind.jar:/usr/share/java/jackson-core.jar:/usr/share/java/jackson-annotations.jar -d /tmp/gen Gen.java software/amazon/payloadoffloading/PayloadS3Pointer.java
//	java -cp /tmp/gen:/usr/share/java/jackson-databind.jar:/usr/share/java/jackson-core.jar:/usr/share/java/jackson-annotations.jar Gen < pointers.tsv > java_bodies.txt
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import software.amazon.payloadoffloading.PayloadS3Pointer;

public class Gen {
    public static void main(String[] args) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        java.io.PrintStream out = new java.io.PrintStream(System.out, true, "UTF-8");
        for (String line; (line = in.readLine()) != null; ) {
            if (args.length > 0 && args[0].equals("read")) {
                PayloadS3Pointer p = PayloadS3Pointer.fromJson(line);
                out.println(p.getS3BucketName() + "\t" + p.getS3Key());
                continue;
            }
            String[] f = line.split("\t", 2);
            out.println(new PayloadS3Pointer(f[0], unescape(f[1])).toJson());
        }
    }

    // unescape turns \n, \t, \", \\ and \\uXXXX into the characters.
    static String unescape(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 == s.length()) { b.append(c); continue; }
            char n = s.charAt(++i);
            switch (n) {
                case 'n': b.append('\n'); break;
                case 't': b.append('\t'); break;
                case 'u': b.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16)); i += 4; break;
                default: b.append(n);
            }
        }
        return b.toString();
    }
}
