-- wrk's requests as POSTs without a body, as a SignalR client's negotiate is (and /hello, to be alike).
wrk.method = "POST"
