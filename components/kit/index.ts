// The panel's small Preact kit on ODS tokens (issue 9, "Looks native").
export { Badge, type BadgeProps } from './badge.tsx';
export { Button, type ButtonProps } from './button.tsx';
export { Dialog, type DialogProps } from './dialog.tsx';
export { Drawer, type DrawerProps } from './drawer.tsx';
export { Field, type FieldProps } from './field.tsx';
export { Icon, type IconName } from './icons.tsx';
export { Message, type MessageProps, type Tone } from './message.tsx';
export { Progress, type ProgressProps } from './progress.tsx';
export { Stepper, type StepperProps } from './stepper.tsx';
