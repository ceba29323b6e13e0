import com.sun.net.httpserver.HttpServer;
import java.net.*;
import java.net.http.*;
import java.time.Duration;
import java.util.concurrent.*;
import java.util.concurrent.atomic.*;

public class PoolRace {
	public static void main(String[] args) throws Exception {
		HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		AtomicLong handled = new AtomicLong();
		server.createContext("/", (exchange) -> {
			exchange.getRequestBody().readAllBytes();
			handled.incrementAndGet();
			exchange.sendResponseHeaders(202, -1);
			exchange.close();
		});
		server.setExecutor(Executors.newFixedThreadPool(4));
		server.start();
		HttpClient.Version version = HttpClient.Version.valueOf(args[0]);
		HttpClient client = HttpClient.newBuilder().version(version).build();
		URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api/hubs/chat/:send");
		AtomicLong ok = new AtomicLong(), failed = new AtomicLong();
		long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(Long.parseLong(args[1]));
		Thread[] threads = new Thread[4];
		for (int t = 0; t < 4; t++) {
			threads[t] = new Thread(() -> {
				while (System.nanoTime() < end) {
					HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(100))
						.POST(HttpRequest.BodyPublishers.ofByteArray("{\"target\":\"m\",\"arguments\":[\"x\"]}".getBytes())).build();
					try {
						client.send(request, HttpResponse.BodyHandlers.discarding());
						ok.incrementAndGet();
					}
					catch (Exception ex) {
						if (failed.incrementAndGet() == 1) {
							ex.printStackTrace();
						}
					}
				}
			});
			threads[t].start();
		}
		for (Thread t : threads) t.join();
		Thread.sleep(500);
		System.out.println("POOLRACE " + System.getProperty("java.version") + " " + version + ": ok " + ok + ", failed " + failed + ", handled by server " + handled);
		server.stop(0);
		System.exit(0);
	}
}
