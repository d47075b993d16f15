package model

// CallbackOnClick is the key of a device template's callbackOverrides (in
// the Projects service) that names, by ARN, the Lambda function a click of
// the template's placed devices invokes.
const CallbackOnClick = "onClickCallback"
