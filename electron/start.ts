// placeholder: replaced by the launcher
export {};
