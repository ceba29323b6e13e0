package io.github.springsignalr.connectionstring;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link ConnectionStringParser}, through {@link ConnectionString#parse(String)}. The cases marked CSPT,
 * legacy and SEF are the .NET SDK's own ({@code ConnectionStringParserTests}, {@code ConnectionStringParserFacts},
 * {@code ServiceEndpointFacts}); the others pin down this library's rules, including where it departs from .NET.
 */
class ConnectionStringParserTests {

	// The .NET tests' key: not a realistic key, so it may appear in test names.
	static final String K = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

	static final String GUID = "aaaaaaaa-bbbb-bbbb-bbbb-cccccccccccc";

	static Stream<Arguments> connectionStrings() {
		return Stream.of(
				// CSPT: client, server and version absent
				parsed("endpoint=http://aaa;accesskey=" + K, withKey("http://aaa")),
				parsed("endpoint=http://aaa:500;accesskey=" + K, withKey("http://aaa:500")),
				parsed("endpoint=http://aaa:500;accesskey=" + K + ";port=400", withKey("http://aaa:400")),
				// CSPT: ClientEndpoint and ServerEndpoint keep their own port, not Port's
				parsed("endpoint=http://aaa:500;accesskey=" + K + ";port=400;clientEndpoint=http://bbb",
						withKey("http://aaa:400").client("http://bbb")),
				parsed("endpoint=http://aaa:500;accesskey=" + K + ";port=400;clientEndpoint=http://bbb:500",
						withKey("http://aaa:400").client("http://bbb:500")),
				parsed("endpoint=http://aaa:500;accesskey=" + K + ";port=400;serverEndpoint=http://ccc",
						withKey("http://aaa:400").server("http://ccc")),
				parsed("endpoint=http://aaa:500;accesskey=" + K + ";port=400;serverEndpoint=http://ccc:500",
						withKey("http://aaa:400").server("http://ccc:500")),
				// CSPT: versions
				parsed("endpoint=http://aaa;accesskey=" + K + ";version=1.0", withKey("http://aaa").version("1.0")),
				parsed("endpoint=http://aaa;accesskey=" + K + ";version=1.1-preview",
						withKey("http://aaa").version("1.1-preview")),
				// legacy: upper-case keys, trailing slash, Port
				parsed("ENDPOINT=http://aaa/;ACCESSKEY=bbb;Version=1.1-beta2;Port=1234",
						withKey("http://aaa:1234", "bbb").version("1.1-beta2")),
				parsed("ENDPOINT=https://aaa/;ACCESSKEY=bbb;VERSION=1.0-preview",
						withKey("https://aaa", "bbb").version("1.0-preview")),
				// CSPT: missing Endpoint (.NET reports every one of these as "missing required properties"; a
				// present but relative Endpoint is reported for what it is)
				refused("Endpoint=xxx", "Endpoint", "is relative"),
				refused("AccessKey=xxx", "Endpoint", "is missing"),
				refused("XXX=yyy", "Endpoint", "is missing"),
				refused("XXX", "Endpoint", "is missing"),
				// CSPT: endpoints that are not absolute URIs
				refused("Endpoint=aaa;AccessKey=bbb;", "Endpoint", "must be an absolute http or https URI"),
				refused("Endpoint=endpoint=aaa;AccessKey=bbb;", "Endpoint", "must be an absolute http or https URI"),
				refused("endpoint=https://aaa;clientEndpoint=aaa;AccessKey=bbb;", "ClientEndpoint",
						"must be an absolute http or https URI"),
				refused("endpoint=https://aaa;ClientEndpoint=endpoint=aaa;AccessKey=bbb;", "ClientEndpoint",
						"must be an absolute http or https URI"),
				refused("endpoint=https://aaa;serverEndpoint=aaa;AccessKey=bbb;", "ServerEndpoint",
						"must be an absolute http or https URI"),
				// CSPT: ports
				refused("Endpoint=https://aaa;AccessKey=bbb;version=1.0;port=2.3", "Port",
						"from 1 to 65535, not '2.3'"),
				refused("Endpoint=https://aaa;AccessKey=bbb;version=1.1;port=1000000", "Port",
						"from 1 to 65535, not '1000000'"),
				refused("Endpoint=https://aaa;AccessKey=bbb;version=1.0-preview;port=0", "Port",
						"from 1 to 65535, not '0'"),
				// CSPT: versions other than 1.x
				refused("Endpoint=https://aaa;AccessKey=bbb;version=abc", "Version", "'abc' is not supported"),
				refused("Endpoint=https://aaa;AccessKey=bbb;version=1.x", "Version", "'1.x' is not supported"),
				refused("Endpoint=https://aaa;AccessKey=bbb;version=2.0", "Version", "'2.0' is not supported"),
				// CSPT: an application needs a secret or a certificate
				refused("endpoint=https://aaa;AuthType=aad;clientId=123;tenantId=" + GUID, "ClientSecret",
						"needs ClientSecret or ClientCertPath"),
				refused("endpoint=https://aaa;AuthType=azure.app;clientId=123;tenantId=" + GUID, "ClientSecret",
						"needs ClientSecret or ClientCertPath"),
				parsed("endpoint=https://aaa;AuthType=aad;clientId=foo;clientSecret=bar;tenantId=" + GUID,
						entra("https://aaa", AuthType.AZURE_APP).clientId("foo").tenantId(GUID).secret("bar")),
				parsed("endpoint=https://aaa;AuthType=azure.app;clientId=foo;clientSecret=bar;tenantId=" + GUID,
						entra("https://aaa", AuthType.AZURE_APP).clientId("foo").tenantId(GUID).secret("bar")),
				// CSPT: the default credential chain ignores ids and secrets
				parsed("endpoint=https://aaa;AuthType=azure;clientId=xxxx;", entra("https://aaa", AuthType.AZURE)),
				parsed("endpoint=https://aaa;AuthType=azure;tenantId=xxxx;", entra("https://aaa", AuthType.AZURE)),
				parsed("endpoint=https://aaa;AuthType=azure;clientSecret=xxxx;", entra("https://aaa", AuthType.AZURE)),
				// CSPT: managed identities, aad without both ids included
				parsed("endpoint=https://aaa;AuthType=aad;", entra("https://aaa", AuthType.AZURE_MSI)),
				parsed("endpoint=https://aaa;AuthType=aad;clientId=123;",
						entra("https://aaa", AuthType.AZURE_MSI).clientId("123")),
				parsed("endpoint=https://aaa;AuthType=aad;tenantId=xxxx;", entra("https://aaa", AuthType.AZURE_MSI)),
				parsed("endpoint=https://aaa;AuthType=aad;clientSecret=xxxx;",
						entra("https://aaa", AuthType.AZURE_MSI)),
				parsed("endpoint=https://aaa;AuthType=azure.msi;", entra("https://aaa", AuthType.AZURE_MSI)),
				parsed("endpoint=https://aaa;AuthType=azure.msi;clientId=123;",
						entra("https://aaa", AuthType.AZURE_MSI).clientId("123")),
				// CSPT: ServerEndpoint keeps its port and path, without a trailing slash
				parsed("endpoint=https://aaa;AuthType=aad;serverendpoint=https://foo",
						entra("https://aaa", AuthType.AZURE_MSI).server("https://foo")),
				parsed("endpoint=https://aaa;AuthType=aad;serverendpoint=https://foo:123",
						entra("https://aaa", AuthType.AZURE_MSI).server("https://foo:123")),
				parsed("endpoint=https://aaa;AuthType=aad;serverendpoint=https://foo/bar",
						entra("https://aaa", AuthType.AZURE_MSI).server("https://foo/bar")),
				parsed("endpoint=https://aaa;AuthType=aad;serverendpoint=https://foo/bar/",
						entra("https://aaa", AuthType.AZURE_MSI).server("https://foo/bar")),
				parsed("endpoint=https://aaa;AuthType=aad;serverendpoint=https://foo:123/bar/",
						entra("https://aaa", AuthType.AZURE_MSI).server("https://foo:123/bar")),
				// SEF: endpoint and audience base (port and path dropped from the audience)
				parsed("endpoint=http://aaa:80;accesskey=" + K, withKey("http://aaa").audience("http://aaa")),
				parsed("endpoint=http://aaa:500;accesskey=" + K, withKey("http://aaa:500").audience("http://aaa")),
				parsed("endpoint=https://aaa;accesskey=" + K, withKey("https://aaa").audience("https://aaa")),
				parsed("endpoint=https://aaa:443;accesskey=" + K, withKey("https://aaa").audience("https://aaa")),
				parsed("endpoint=https://aaa:500;accesskey=" + K, withKey("https://aaa:500").audience("https://aaa")),
				parsed("endpoint=HTTP://AAA;accesskey=" + K, withKey("http://aaa").audience("http://aaa")),
				parsed("endpoint=HTTPS://AAA;accesskey=" + K, withKey("https://aaa").audience("https://aaa")),
				parsed("endpoint=https://aaa;accesskey=" + K + ";port=500",
						withKey("https://aaa:500").audience("https://aaa")),
				parsed("endpoint=https://aaa:500;accesskey=" + K + ";port=443",
						withKey("https://aaa").audience("https://aaa")),
				parsed("ENDPOINT=http://aaa;ACCESSKEY=" + K, withKey("http://aaa").audience("http://aaa")),
				parsed("ENDPOINT=https://aaa:500;ACCESSKEY=" + K + ";PORT=443",
						withKey("https://aaa").audience("https://aaa")),
				parsed("endpoint=http://aaa/;accesskey=" + K, withKey("http://aaa").audience("http://aaa")),
				parsed("endpoint=https://aaa/;accesskey=" + K, withKey("https://aaa").audience("https://aaa")),
				// SEF: client and server endpoints (http://bbb:80 is http://bbb to .NET's Uri too)
				parsed("endpoint=http://aaa;authType=aad;clientEndpoint=http://bbb",
						entra("http://aaa", AuthType.AZURE_MSI).client("http://bbb")),
				parsed("endpoint=http://aaa;authType=aad;clientEndpoint=http://bbb:80",
						entra("http://aaa", AuthType.AZURE_MSI).client("http://bbb")),
				parsed("endpoint=https://aaa;authType=aad;clientEndpoint=http://bbb:443",
						entra("https://aaa", AuthType.AZURE_MSI).client("http://bbb:443")),
				parsed("endpoint=http://aaa;authType=aad;serverEndpoint=http://bbb:80/abc",
						entra("http://aaa", AuthType.AZURE_MSI).server("http://bbb/abc")),
				parsed("endpoint=https://aaa;authType=aad;serverEndpoint=http://bbb:443",
						entra("https://aaa", AuthType.AZURE_MSI).server("http://bbb:443")),
				parsed("Endpoint=https://test.service.signalr.net;AuthType=azure;"
						+ "ServerEndpoint=http://serverEndpoint:123/path",
						entra("https://test.service.signalr.net", AuthType.AZURE)
							.server("http://serverendpoint:123/path")),
				parsed("Endpoint=https://test.service.signalr.net;AuthType=azure;ServerEndpoint=https://a.bc:443",
						entra("https://test.service.signalr.net", AuthType.AZURE).server("https://a.bc")),
				// SEF: paths are dropped from the endpoint; ftp, ws and scheme-less endpoints are refused
				parsed("Endpoint=http://localhost/foo;AccessKey=" + K, withKey("http://localhost")),
				parsed("Endpoint=https://localhost/foo/;AccessKey=" + K, withKey("https://localhost")),
				parsed("Endpoint=http://localhost:5050;AccessKey=" + K, withKey("http://localhost:5050")),
				refused("Endpoint=ftp://localhost;AccessKey=" + K, "Endpoint", "the scheme 'ftp' is not supported"),
				refused("Endpoint=ws://localhost;AccessKey=" + K, "Endpoint", "the scheme 'ws' is not supported"),
				refused("Endpoint=localhost:5050;AccessKey=" + K, "Endpoint",
						"the scheme 'localhost' is not supported"),
				// Real-world shapes: the portal's, and the emulator's with Port
				parsed("Endpoint=https://demo.service.signalr.net;AccessKey=" + K + ";Version=1.0;",
						withKey("https://demo.service.signalr.net").version("1.0")
							.audience("https://demo.service.signalr.net")),
				parsed("Endpoint=http://localhost;Port=8888;AccessKey=" + K + ";Version=1.0;",
						withKey("http://localhost:8888").version("1.0").audience("http://localhost")),
				parsed("Endpoint=http://[::1]:8888;AccessKey=" + K,
						withKey("http://[::1]:8888").audience("http://[::1]")),
				parsed("Endpoint=https://aaa/some/path?x=1#top;AccessKey=" + K, withKey("https://aaa")),
				// Whitespace around keys and values, empty segments, segments without '=', '=' inside a value
				parsed("  Endpoint = https://aaa/ ;  AccessKey = " + K + " ; Version = 1.0 ",
						withKey("https://aaa").version("1.0")),
				parsed("Endpoint=https://aaa;\n\tAccessKey=" + K + ";\r\n", withKey("https://aaa")),
				parsed(";;Endpoint=https://aaa;;AccessKey=" + K + ";;", withKey("https://aaa")),
				parsed("Endpoint=https://aaa;stray text;AccessKey=" + K, withKey("https://aaa")),
				parsed("Endpoint=https://aaa;AccessKey=abc==;Unknown=1", withKey("https://aaa", "abc==")),
				// Keys in any case, AuthType in any case
				parsed("eNdPoInT=HtTpS://Demo.Service.SignalR.Net;aCcEsSkEy=" + K,
						withKey("https://demo.service.signalr.net")),
				parsed("Endpoint=https://aaa;AUTHTYPE=AZURE.MSI;CLIENTID=abc",
						entra("https://aaa", AuthType.AZURE_MSI).clientId("abc")),
				parsed("Endpoint=https://aaa;authtype=Azure;", entra("https://aaa", AuthType.AZURE)),
				parsed("Endpoint=https://aaa;AuthType=AAD;ClientId=c;TenantId=t;ClientSecret=s",
						entra("https://aaa", AuthType.AZURE_APP).clientId("c").tenantId("t").secret("s")),
				// Duplicate keys, in any case
				refused("Endpoint=https://aaa;AccessKey=" + K + ";endpoint=https://bbb", "Endpoint",
						"given more than once"),
				refused("Endpoint=https://aaa;ACCESSKEY=a;AccessKey=b", "AccessKey", "given more than once"),
				refused("Endpoint=https://aaa;AccessKey=" + K + ";Version=1.0;VERSION=1.0", "Version",
						"given more than once"),
				refused("Endpoint=https://aaa;AccessKey=" + K + ";Foo=1;FOO=2", "Foo", "given more than once"),
				refused("Endpoint=https://aaa;AuthType=azure.app;ClientId=c;TenantId=t;ClientCert=/a.pem;"
						+ "ClientCertPath=/b.pem", "ClientCertPath", "ClientCert and ClientCertPath are one key"),
				// The certificate, as ClientCertPath (the docs) or ClientCert (the SDK)
				parsed("Endpoint=https://aaa;AuthType=azure.app;ClientId=c;TenantId=t;ClientCertPath=/certs/app.pem",
						entra("https://aaa", AuthType.AZURE_APP).clientId("c").tenantId("t").cert("/certs/app.pem")),
				parsed("Endpoint=https://aaa;AuthType=azure.app;ClientId=c;TenantId=t;ClientCert=/certs/app.pem",
						entra("https://aaa", AuthType.AZURE_APP).clientId("c").tenantId("t").cert("/certs/app.pem")),
				parsed("Endpoint=https://aaa;AuthType=aad;ClientId=c;TenantId=t;clientcert=C:\\certs\\app.pfx",
						entra("https://aaa", AuthType.AZURE_APP).clientId("c")
							.tenantId("t")
							.cert("C:\\certs\\app.pfx")),
				parsed("Endpoint=https://aaa;AuthType=azure.app;ClientId=c;TenantId=t;ClientSecret=s;ClientCertPath=/x",
						entra("https://aaa", AuthType.AZURE_APP).clientId("c").tenantId("t").secret("s")),
				refused("Endpoint=https://aaa;AuthType=azure.app;TenantId=t;ClientSecret=s", "ClientId", "is missing"),
				refused("Endpoint=https://aaa;AuthType=azure.app;ClientId=c;ClientSecret=s", "TenantId", "is missing"),
				refused("Endpoint=https://aaa;AuthType=azure.app;ClientId=;TenantId=t;ClientSecret=s", "ClientId",
						"is empty"),
				refused("Endpoint=https://aaa;AuthType=azure.app;ClientId=c;TenantId=t;ClientSecret=", "ClientSecret",
						"is empty"),
				refused("Endpoint=https://aaa;AuthType=azure.app;ClientId=c;TenantId=t;ClientCertPath=",
						"ClientCertPath", "is empty"),
				refused("Endpoint=https://aaa;AuthType=azure.msi;ClientId= ", "ClientId", "is empty"),
				// An unknown AuthType is refused (.NET falls back to the access key)
				refused("Endpoint=https://aaa;AccessKey=" + K + ";AuthType=azure.foo", "AuthType",
						"'azure.foo' is unknown; use azure, azure.msi or azure.app"),
				refused("Endpoint=https://aaa;AccessKey=" + K + ";AuthType=AccessKey", "AuthType",
						"'AccessKey' is unknown"),
				refused("Endpoint=https://aaa;AccessKey=" + K + ";AuthType=", "AuthType", "is empty"),
				// Only the keys the AuthType uses are kept
				parsed("Endpoint=https://aaa;AuthType=azure;AccessKey=" + K, entra("https://aaa", AuthType.AZURE)),
				parsed("Endpoint=https://aaa;AuthType=azure.msi;AccessKey=" + K + ";TenantId=t",
						entra("https://aaa", AuthType.AZURE_MSI)),
				parsed("Endpoint=https://aaa;AccessKey=" + K + ";ClientId=c;TenantId=t;ClientSecret=s",
						withKey("https://aaa")),
				// Access keys
				refused("Endpoint=https://aaa", "AccessKey", "is missing"),
				refused("Endpoint=https://aaa;Version=1.0;ClientId=c", "AccessKey", "is missing"),
				refused("Endpoint=https://aaa;AccessKey=", "AccessKey", "is empty"),
				refused("Endpoint=https://aaa;AccessKey=  ;", "AccessKey", "is empty"),
				// Blank input
				refused(null, null, "is empty"),
				refused("", null, "is empty"),
				refused("   \t ", null, "is empty"),
				refused(";;;", "Endpoint", "is missing"),
				// Port edges
				parsed("Endpoint=https://aaa;AccessKey=" + K + ";Port=1", withKey("https://aaa:1")),
				parsed("Endpoint=https://aaa;AccessKey=" + K + ";Port=65535", withKey("https://aaa:65535")),
				parsed("Endpoint=http://aaa:8080;AccessKey=" + K + ";Port=80", withKey("http://aaa")),
				refused("Endpoint=https://aaa;AccessKey=" + K + ";Port=0", "Port", "not '0'"),
				refused("Endpoint=https://aaa;AccessKey=" + K + ";Port=65536", "Port", "not '65536'"),
				refused("Endpoint=https://aaa;AccessKey=" + K + ";Port=-1", "Port", "not '-1'"),
				refused("Endpoint=https://aaa;AccessKey=" + K + ";Port=99999999999999999999", "Port",
						"not '99999999999999999999'"),
				refused("Endpoint=https://aaa;AccessKey=" + K + ";Port=", "Port", "from 1 to 65535"),
				refused("Endpoint=https://aaa;AccessKey=" + K + ";Port=\u0664\u0664\u0663", "Port", "from 1 to 65535"),
				refused("Endpoint=https://aaa:70000;AccessKey=" + K, "Endpoint", "port outside 1 to 65535"),
				// Versions
				parsed("Endpoint=https://aaa;AccessKey=" + K + ";Version= 1.0 ", withKey("https://aaa").version("1.0")),
				parsed("Endpoint=https://aaa;AccessKey=" + K + ";Version=1.10.2_rc",
						withKey("https://aaa").version("1.10.2_rc")),
				refused("Endpoint=https://aaa;AccessKey=" + K + ";Version=1", "Version", "'1' is not supported"),
				refused("Endpoint=https://aaa;AccessKey=" + K + ";Version=1.", "Version", "'1.' is not supported"),
				refused("Endpoint=https://aaa;AccessKey=" + K + ";Version=", "Version", "not supported"),
				// ws, ftp and relative client and server endpoints; what paths cannot be appended to
				refused("Endpoint=https://aaa;AccessKey=" + K + ";ClientEndpoint=ws://bbb", "ClientEndpoint",
						"the scheme 'ws' is not supported"),
				refused("Endpoint=https://aaa;AccessKey=" + K + ";ClientEndpoint=wss://bbb", "ClientEndpoint",
						"the scheme 'wss' is not supported"),
				refused("Endpoint=https://aaa;AccessKey=" + K + ";ServerEndpoint=ftp://ccc", "ServerEndpoint",
						"the scheme 'ftp' is not supported"),
				refused("Endpoint=https://aaa;AccessKey=" + K + ";ServerEndpoint=/relative/path", "ServerEndpoint",
						"is relative"),
				refused("Endpoint=https://aaa;AccessKey=" + K + ";ClientEndpoint=", "ClientEndpoint",
						"must be an absolute http or https URI"),
				refused("Endpoint=https://aaa;AccessKey=" + K + ";ClientEndpoint=https://bbb/path?x=1",
						"ClientEndpoint", "must not have a query or fragment"),
				refused("Endpoint=https://aaa;AccessKey=" + K + ";ServerEndpoint=https://ccc#part", "ServerEndpoint",
						"must not have a query or fragment"),
				parsed("Endpoint=https://aaa;AccessKey=" + K
						+ ";ClientEndpoint=HTTPS://Proxy.Example.com:8443/SignalR//",
						withKey("https://aaa").client("https://proxy.example.com:8443/SignalR")),
				// Hosts and user information
				refused("Endpoint=http://;AccessKey=" + K, "Endpoint", "is not a URI"),
				refused("Endpoint=https://aaa bbb;AccessKey=" + K, "Endpoint", "is not a URI"),
				refused("Endpoint=https://aaa:abc;AccessKey=" + K, "Endpoint", "names no valid host"),
				refused("Endpoint=http://my_host;AccessKey=" + K, "Endpoint", "names no valid host"),
				refused("Endpoint=https://user:pass@aaa;AccessKey=" + K, "Endpoint", "must not carry user information"),
				// Checked in .NET's order: the endpoint before the version, the version before the port
				refused("Endpoint=aaa;AccessKey=b;Version=2.0;Port=0", "Endpoint", "absolute"),
				refused("Endpoint=https://aaa;AccessKey=b;Version=2.0;Port=0", "Version", "'2.0'"),
				refused("Endpoint=https://aaa;Port=0;ClientEndpoint=aaa", "Port", "'0'"),
				refused("Endpoint=https://aaa;ClientEndpoint=aaa;AuthType=nope", "ClientEndpoint", "absolute"));
	}

	@ParameterizedTest(name = "[{index}] {0}")
	@MethodSource("connectionStrings")
	void parsesAsTheDotNetSdkDoes(String text, Outcome outcome) {
		if (outcome instanceof Expected expected) {
			ConnectionString parsed = ConnectionString.parse(text);
			// Compared as text: URI.equals ignores the case of scheme and host, which the parser must lower.
			assertThat(fields(parsed)).isEqualTo(fields(expected.toConnectionString()));
			assertThat(parsed).isEqualTo(expected.toConnectionString());
			assertThat(parsed.effectiveClientEndpoint())
				.isEqualTo((expected.client != null) ? URI.create(expected.client) : parsed.endpoint());
			assertThat(parsed.effectiveServerEndpoint())
				.isEqualTo((expected.server != null) ? URI.create(expected.server) : parsed.endpoint());
			if (expected.audience != null) {
				assertThat(parsed.audienceBase()).isEqualTo(expected.audience);
			}
		}
		else {
			Refused refused = (Refused) outcome;
			assertThatExceptionOfType(InvalidConnectionStringException.class)
				.isThrownBy(() -> ConnectionString.parse(text))
				.satisfies((ex) -> {
					assertThat(ex.getKey()).isEqualTo(refused.key);
					assertThat(ex.getReason()).contains(refused.fragment);
					assertThat(ex.getMessage()).startsWith("Invalid connection string: ")
						.contains(refused.fragment);
					if (refused.key != null) {
						assertThat(ex.getMessage()).contains(refused.key + ": ");
					}
				});
		}
	}

	// The authorize URL of an Entra endpoint is ServerEndpoint (else the endpoint) + /api/v1/auth/accessKey
	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			endpoint=https://a;AuthType=aad;serverendpoint=https://foo | https://foo/api/v1/auth/accesskey
			endpoint=https://a;AuthType=aad;serverendpoint=https://foo:123 | https://foo:123/api/v1/auth/accesskey
			endpoint=https://a;AuthType=aad;serverendpoint=https://foo/bar | https://foo/bar/api/v1/auth/accesskey
			endpoint=https://a;AuthType=aad;serverendpoint=https://foo/bar/ | https://foo/bar/api/v1/auth/accesskey
			endpoint=https://a;AuthType=aad;serverendpoint=https://foo:123/bar/ | https://foo:123/bar/api/v1/auth/accesskey
			endpoint=https://x;AuthType=azure;ServerEndpoint=http://s:123/path | http://s:123/path/api/v1/auth/accessKey
			endpoint=https://x;AuthType=azure;ServerEndpoint=https://a.bc:443 | https://a.bc/api/v1/auth/accessKey
			endpoint=https://x:8443/ignored;AuthType=azure | https://x:8443/api/v1/auth/accessKey
			""")
	void serverEndpointGivesTheAccessKeyUrl(String text, String expected) {
		ConnectionString parsed = ConnectionString.parse(text);
		assertThat(parsed.effectiveServerEndpoint() + "/api/v1/auth/accessKey").isEqualToIgnoringCase(expected);
	}

	// CSPT: the port a client or server endpoint is reached on is its own, whatever Port says
	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			endpoint=http://aaa:500;accesskey=K;port=400;clientEndpoint=http://bbb | 80 | 400
			endpoint=http://aaa:500;accesskey=K;port=400;clientEndpoint=http://bbb:500 | 500 | 400
			endpoint=http://aaa:500;accesskey=K;port=400;clientEndpoint=https://bbb | 443 | 400
			endpoint=http://aaa:500;accesskey=K;port=400;serverEndpoint=http://ccc | 400 | 80
			endpoint=http://aaa:500;accesskey=K;port=400;serverEndpoint=http://ccc:500 | 400 | 500
			endpoint=https://aaa;accesskey=K | 443 | 443
			""")
	void clientAndServerEndpointsKeepTheirOwnPort(String text, int clientPort, int serverPort) {
		ConnectionString parsed = ConnectionString.parse(text);
		assertThat(portOf(parsed.effectiveClientEndpoint())).isEqualTo(clientPort);
		assertThat(portOf(parsed.effectiveServerEndpoint())).isEqualTo(serverPort);
	}

	private static int portOf(URI uri) {
		if (uri.getPort() != -1) {
			return uri.getPort();
		}
		return uri.getScheme().equals("https") ? 443 : 80;
	}

	static Map<String, Object> fields(ConnectionString connectionString) {
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("endpoint", String.valueOf(connectionString.endpoint()));
		fields.put("accessKey", connectionString.accessKey());
		fields.put("version", connectionString.version());
		fields.put("clientEndpoint", String.valueOf(connectionString.clientEndpoint()));
		fields.put("serverEndpoint", String.valueOf(connectionString.serverEndpoint()));
		fields.put("authType", connectionString.authType());
		fields.put("clientId", connectionString.clientId());
		fields.put("tenantId", connectionString.tenantId());
		fields.put("clientSecret", connectionString.clientSecret());
		fields.put("clientCertPath", connectionString.clientCertPath());
		return fields;
	}

	static Stream<String> validConnectionStrings() {
		return connectionStrings().filter((arguments) -> arguments.get()[1] instanceof Expected)
			.map((arguments) -> (String) arguments.get()[0]);
	}

	private static Arguments parsed(String text, Expected expected) {
		return Arguments.of(text, expected);
	}

	private static Arguments refused(String text, String key, String fragment) {
		return Arguments.of(text, new Refused(key, fragment));
	}

	private static Expected withKey(String endpoint) {
		return withKey(endpoint, K);
	}

	private static Expected withKey(String endpoint, String accessKey) {
		return new Expected(endpoint, accessKey, AuthType.ACCESS_KEY);
	}

	private static Expected entra(String endpoint, AuthType authType) {
		return new Expected(endpoint, null, authType);
	}

	/**
	 * What parsing a connection string should give.
	 */
	interface Outcome {

	}

	record Refused(String key, String fragment) implements Outcome {

		@Override
		public String toString() {
			return "refused: " + this.key + " " + this.fragment;
		}

	}

	static final class Expected implements Outcome {

		final String endpoint;

		final String accessKey;

		final AuthType authType;

		String version;

		String client;

		String server;

		String clientId;

		String tenantId;

		String secret;

		String cert;

		String audience;

		Expected(String endpoint, String accessKey, AuthType authType) {
			this.endpoint = endpoint;
			this.accessKey = accessKey;
			this.authType = authType;
		}

		Expected version(String version) {
			this.version = version;
			return this;
		}

		Expected client(String client) {
			this.client = client;
			return this;
		}

		Expected server(String server) {
			this.server = server;
			return this;
		}

		Expected clientId(String clientId) {
			this.clientId = clientId;
			return this;
		}

		Expected tenantId(String tenantId) {
			this.tenantId = tenantId;
			return this;
		}

		Expected secret(String secret) {
			this.secret = secret;
			return this;
		}

		Expected cert(String cert) {
			this.cert = cert;
			return this;
		}

		Expected audience(String audience) {
			this.audience = audience;
			return this;
		}

		ConnectionString toConnectionString() {
			return new ConnectionString(URI.create(this.endpoint), this.accessKey, this.version, uri(this.client),
					uri(this.server), this.authType, this.clientId, this.tenantId, this.secret, this.cert);
		}

		private static URI uri(String text) {
			return (text != null) ? URI.create(text) : null;
		}

		@Override
		public String toString() {
			return "parsed: " + this.endpoint + " " + this.authType;
		}

	}

}
