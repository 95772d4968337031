package dev.sandlot.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs that return a file, end to end through POST /api/v1/execute, one at a time: a
 * Python hello world for comparison, a program that writes a ~100 KB PNG under /output
 * (no library: the cost of returning the file), and a matplotlib plot that plt.show()
 * returns as a PNG of about that size. Each answer's PNG is checked and its size
 * reported.
 */
final class FilesLoad {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final String HELLO = "print('Hello, World!')";

    /** 184 × 184 RGB pixels of noise, which zlib cannot shrink: a PNG of about 100 KB. */
    static final String NOISE_PNG = """
            import os, struct, zlib
            w = h = 184
            raw = b''.join(b'\\0' + os.urandom(w * 3) for _ in range(h))
            def chunk(kind, data):
                return struct.pack('>I', len(data)) + kind + data + struct.pack('>I', zlib.crc32(kind + data))
            png = (b'\\x89PNG\\r\\n\\x1a\\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', w, h, 8, 2, 0, 0, 0))
                   + chunk(b'IDAT', zlib.compress(raw)) + chunk(b'IEND', b''))
            open(os.environ['SANDLOT_OUTPUT'] + '/noise.png', 'wb').write(png)
            """;

    /**
     * A plot of 145 × 145 random cells, which plt.show() saves as a PNG of about 100 KB.
     */
    static final String PLOT = """
            import numpy as np
            import matplotlib.pyplot as plt
            plt.imshow(np.random.default_rng(1).random((145, 145, 3)), interpolation='nearest')
            plt.axis('off')
            plt.show()
            """;

    private FilesLoad() {
    }

    static void run(String baseUrl, int samples) throws Exception {
        URI uri = URI.create(baseUrl.replaceAll("/$", "") + "/api/v1/execute");
        HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
        Table table = new Table("program", "file returned", "response bytes", "p50 ms", "p90 ms", "max ms", "errors");
        for (String[] program : List.of(new String[] { "Python hello world (no file)", HELLO },
                new String[] { "writes a 100 KB PNG to /output", NOISE_PNG },
                new String[] { "matplotlib plt.show() of a 100 KB figure", PLOT })) {
            Sample s = sample(client, uri, program[1], samples);
            table.row(program[0], s.fileBytes() == 0 ? "none" : s.fileBytes() + " bytes PNG", s.responseBytes(),
                    Percentiles.ms(s.latency().p50()), Percentiles.ms(s.latency().p90()),
                    Percentiles.ms(s.latency().max()), s.errors());
        }
        table.print("Runs that return a file, HTTP POST /api/v1/execute, sequential (" + samples + " each)");
    }

    record Sample(Percentiles latency, long fileBytes, long responseBytes, int errors) {
    }

    private static Sample sample(HttpClient client, URI uri, String code, int samples) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(60))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers
                .ofString(JSON.writeValueAsString(JSON.createObjectNode().put("language", "python").put("code", code))))
            .build();
        List<Long> nanos = new ArrayList<>();
        long fileBytes = 0;
        long responseBytes = 0;
        int errors = 0;
        for (int i = -3; i < samples; i++) {
            long t = System.nanoTime();
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            long took = System.nanoTime() - t;
            JsonNode body = response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
            JsonNode files = body == null ? null : body.path("files");
            boolean ok = body != null && "ok".equals(body.path("status").asString());
            long size = 0;
            if (ok && files.size() > 0) {
                byte[] png = Base64.getDecoder().decode(files.get(0).path("base64").asString());
                ok = png.length > 8 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G';
                size = png.length;
            }
            if (i < 0)
                continue; // warm-up
            if (!ok) {
                errors++;
                continue;
            }
            nanos.add(took);
            fileBytes = size;
            responseBytes = response.body().length();
        }
        return new Sample(Percentiles.of(nanos), fileBytes, responseBytes, errors);
    }

}
