console.error("boom.js says no");
throw new Error("boom.js throws");
