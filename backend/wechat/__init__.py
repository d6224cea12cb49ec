"""Everything that talks to WeChat: token store, API calls, crypto, subscribe sends."""
