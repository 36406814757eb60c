// PLACEHOLDER: to be written
