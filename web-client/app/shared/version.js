// Sent in hello as appVersion (1–32 characters). Keep in step with the Maven version.
export const APP_VERSION = '0.1.0';
