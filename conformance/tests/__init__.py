"""The claims' tests, one module per topic (test_<topic>.py), and the conversion matrix's observations: what
`pytest conformance` collects. The library they use lives one level up."""
