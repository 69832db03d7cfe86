"""Running the site: the 503 during a database outage (outage), the clear 400/413 page
(errors), and the client's address behind proxies (client_ip)."""
